# The isa_symbols test: the per-instruction-set kernel objects (engine/isa/kernels_*.cpp) may
# define, for the linker, only their table al::k<Isa>Kernels and symbols in their own namespaces
# (al::isa_<isa>, and Eigen renamed Eigen_isa_<isa>). Any other shared symbol (an inline function
# or template instantiation of the standard library, say) could be merged with another object's
# copy compiled for a different instruction set, and run on a CPU without it.
#   cmake -DNM=nm "-DOBJECTS=a.o|b.o" -P check_isa_symbols.cmake
string(REPLACE "|" ";" objects "${OBJECTS}")
set(bad "")
foreach(object IN LISTS objects)
  execute_process(COMMAND ${NM} -C --defined-only --extern-only ${object} OUTPUT_VARIABLE symbols
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${object}")
  endif()
  string(REPLACE "\n" ";" lines "${symbols}")
  foreach(line IN LISTS lines)
    # "<address> <type> <name>". Data, not code, is allowed too: the exception personality reference
    # every C++ object has, and AddressSanitizer's marker of the table (GCC: __odr_asan.<table>,
    # clang: __odr_asan_gen_<table>).
    if(line MATCHES "^[0-9a-f]* . (.*)$")
      set(name "${CMAKE_MATCH_1}")
      # A function's name may follow its return type ("void ") or a "guard variable for ".
      if(NOT name MATCHES "^__odr_asan(\\.|_gen_)_ZN2al[0-9]+k[A-Za-z0-9]+KernelsE$" AND
         NOT name MATCHES "^(al::k[A-Za-z0-9]+Kernels|DW\\.ref\\.__gxx_personality_v0)$" AND
         NOT name MATCHES "^((guard variable|vtable|typeinfo|typeinfo name) for )?([a-z]+ )?(Eigen_isa_|al::isa_)")
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
