#include "kernel_identity_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {
namespace {

using S = KernelIdentitySettings;

constexpr VectorLimits kVectors{kMaxIdentityVectors, kMaxIdentityDim, 1e6};

SettingInfo vectors_setting(std::string key, std::string help, Vectors S::*field) {
  return {std::move(key),
          std::move(help),
          "rows 'a,b;c,d', up to " + std::to_string(kMaxIdentityVectors) + " x " +
              std::to_string(kMaxIdentityDim) + ", or empty (random)",
          {},
          [=](Settings& s, std::string_view v) -> std::optional<std::string> {
            auto parsed = parse_vectors(v, kVectors);
            if (!parsed) return parsed.error();
            s.*field = std::move(parsed).value();
            return {};
          },
          [=](const Settings& s) { return format_vectors(s.*field); }};
}

}  // namespace

std::vector<SettingInfo> kernel_identity_setting_table() {
  return {
      vectors_setting("identity.queries",
                      "queries, one vector per row ('1,0;0,1'); empty: identity.n_queries random "
                      "vectors of dimension identity.dim",
                      &S::identity_queries),
      vectors_setting("identity.keys",
                      "keys, one vector per row; empty: identity.n_keys random vectors of "
                      "dimension identity.dim",
                      &S::identity_keys),
      integer_setting("identity.dim", "dimension d of the random queries and keys",
                      &S::identity_dim, 1, kMaxIdentityDim),
      integer_setting("identity.n_queries", "number of random queries", &S::identity_n_queries, 1,
                      kMaxIdentityVectors),
      integer_setting("identity.n_keys", "number of random keys", &S::identity_n_keys, 1,
                      kMaxIdentityVectors),
      integer_setting("identity.seed", "seed of the random queries and keys (entries N(0, 1))",
                      &S::identity_seed, 0, kMaxSeed),
      integer_setting("identity.query", "the query every kernel-identity view outlines (-1: none)",
                      &S::identity_query, -1, kMaxIdentityVectors - 1),
      integer_setting("identity.key", "the key every kernel-identity view outlines (-1: none)",
                      &S::identity_key, -1, kMaxIdentityVectors - 1),
  };
}

}  // namespace al
