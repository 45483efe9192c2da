# The isa_symbols test: the per-instruction-set kernel objects (engine/isa/kernels_*.cpp) may
# define, for the linker, only their table al::k<Isa>Kernels and symbols in their own namespaces
# (al::isa_<isa>, and Eigen renamed Eigen_isa_<isa>). Any other shared symbol (an inline function
# or template instantiation of the standard library, say) could be merged with another object's
# copy compiled for a different instruction set, and run on a CPU without it.
#   cmake -DNM=nm "-DOBJECTS=a.o|b.o" -P check_isa_symbols.cmake
string(REPLACE "|" ";" objects "${OBJECTS}")
set(bad "")
foreach(object IN LISTS objects)
  # Mangled names: a symbol's own namespace is then the start of its nested name, whatever its
  # return type (demangled, "float __vector(4) Eigen_isa_baseline::internal::padd<...>" and
  # "std::vector<Eigen_isa_baseline::...>" would need a C++ parser to tell apart).
  execute_process(COMMAND ${NM} --defined-only --extern-only ${object} OUTPUT_VARIABLE symbols
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${object}")
  endif()
  string(REPLACE "\n" ";" lines "${symbols}")
  foreach(line IN LISTS lines)
    # "<address> <type> <name>". Allowed: a name in al::isa_<isa> or Eigen_isa_<isa> (also its
    # guard variables, vtables and typeinfo: _ZGV, _ZTV, _ZTI, _ZTS; and a function's static
    # local, _ZZ), the table al::k<Isa>Kernels,
    # and data every C++ object may have: the exception personality reference and
    # AddressSanitizer's marker of the table (GCC: __odr_asan.<table>, clang: __odr_asan_gen_<table>).
    if(line MATCHES "^[0-9a-f]* . (.*)$")
      set(name "${CMAKE_MATCH_1}")
      if(NOT name MATCHES "^_Z(GV|TV|TI|TS)?Z?N[KVrO]*([0-9]+Eigen_isa_|2al[0-9]+isa_)" AND
         NOT name MATCHES "^_ZN2al[0-9]+k[A-Za-z0-9]+KernelsE$" AND
         NOT name MATCHES "^__odr_asan(\\.|_gen_)_ZN2al[0-9]+k[A-Za-z0-9]+KernelsE$" AND
         NOT name STREQUAL "DW.ref.__gxx_personality_v0")
        string(APPEND bad "\n  ${object}: ${name}")
      endif()
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "shared symbols in the per-instruction-set kernels:${bad}")
endif()
list(LENGTH objects count)
message(STATUS "${count} kernel objects share only their tables")
