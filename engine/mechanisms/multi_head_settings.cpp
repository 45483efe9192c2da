#include "multi_head_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {
namespace {

using S = MultiHeadSettings;

constexpr NameTable<MultiHeadInput, 2> kInputs{{
    {MultiHeadInput::Random, "random", "Random N(0, 1)"},
    {MultiHeadInput::Ones, "ones", "Ones (the book's toy)"},
}};

constexpr VectorLimits kVectors{kMaxMultiHeadVectors, kMaxMultiHeadDim, 1e6};

SettingInfo vectors_setting(std::string key, std::string help, Vectors S::*field) {
  return {std::move(key),
          std::move(help),
          "rows 'a,b;c,d', up to " + std::to_string(kMaxMultiHeadVectors) + " x " +
              std::to_string(kMaxMultiHeadDim) + ", or empty",
          {},
          [=](Settings& s, std::string_view v) -> std::optional<std::string> {
            auto parsed = parse_vectors(v, kVectors);
            if (!parsed) return parsed.error();
            s.*field = std::move(parsed).value();
            return {};
          },
          [=](const Settings& s) { return format_vectors(s.*field); }};
}

// "3,2": whole numbers 0 to kMaxMultiHeadVectors, at most one per sequence of the largest batch.
std::optional<std::string> set_valid_lens(Settings& s, std::string_view v) {
  auto parsed = parse_vectors(v, {1, kMaxMultiHeadBatch, 1e6});
  if (!parsed) return parsed.error();
  std::vector<int> lens;
  for (double x : parsed.value().values) {
    if (x != static_cast<int>(x) || x < 0 || x > kMaxMultiHeadVectors)
      return "valid lengths are whole numbers 0 to " + std::to_string(kMaxMultiHeadVectors);
    lens.push_back(static_cast<int>(x));
  }
  s.mh_valid_lens = std::move(lens);
  return {};
}

std::string get_valid_lens(const Settings& s) {
  std::string out;
  for (int L : s.mh_valid_lens) {
    if (!out.empty()) out += ',';
    out += std::to_string(L);
  }
  return out;
}

std::optional<std::string> set_preset(Settings& s, std::string_view v) {
  MultiHeadSettings next;  // "small": the defaults
  if (v == "book") {
    next.mh_input = MultiHeadInput::Ones;
    next.mh_dim = 100;
    next.mh_n_queries = 4;
    next.mh_n_kv = 6;
    next.mh_batch = 2;
    next.mh_hiddens = 100;
    next.mh_heads = 5;
    next.mh_valid_lens = {3, 2};
  } else if (v != "small") {
    return not_one_of(v, "small|book");
  }
  next.mh_preset = std::string(v);
  next.mh_seed = s.mh_seed;
  static_cast<MultiHeadSettings&>(s) = next;
  return {};
}

}  // namespace

std::string_view name(MultiHeadInput i) {
  return lookup_name(kInputs, i);
}

std::vector<SettingInfo> multi_head_setting_table() {
  return {
      {"mh.preset",
       "multi-head scene: small (the lab's default) or book (d = 100, h = 5, batch 2, 4 queries, "
       "6 key-value pairs, valid lengths 3,2, inputs of ones); sets every other mh.* size",
       "small|book", "", set_preset, [](const Settings& s) { return s.mh_preset; }},
      vectors_setting("mh.queries",
                      "queries of every sequence, one vector per row ('1,0;0,1'); empty: "
                      "mh.n_queries vectors of mh.dim numbers as mh.input says",
                      &S::mh_queries),
      vectors_setting("mh.keys",
                      "keys of every sequence, one vector per row; empty: mh.n_kv vectors of "
                      "mh.dim numbers as mh.input says",
                      &S::mh_keys),
      vectors_setting("mh.values",
                      "values, one vector per key; empty: the keys (the book's attention(X, Y, Y))",
                      &S::mh_values),
      choice_setting("mh.input", "what untyped queries and keys hold: random N(0, 1) or ones",
                     &S::mh_input, kInputs),
      integer_setting("mh.dim", "numbers per untyped query and key", &S::mh_dim, 1,
                      kMaxMultiHeadDim),
      integer_setting("mh.n_queries", "untyped queries per sequence", &S::mh_n_queries, 1,
                      kMaxMultiHeadVectors),
      integer_setting("mh.n_kv", "untyped key-value pairs per sequence", &S::mh_n_kv, 1,
                      kMaxMultiHeadVectors),
      integer_setting("mh.batch", "sequences in the batch", &S::mh_batch, 1, kMaxMultiHeadBatch),
      integer_setting("mh.hiddens",
                      "num_hiddens d: W_q, W_k, W_v and W_o map to d; must be divisible by "
                      "mh.heads",
                      &S::mh_hiddens, 1, kMaxMultiHeadHiddens),
      integer_setting("mh.heads",
                      "heads h: each takes d/h of the projections, scaled by 1/sqrt(d/h)",
                      &S::mh_heads, 1, kMaxMultiHeadHeads),
      {"mh.valid_lens",
       "valid length of each sequence ('3,2', the book's 1-D valid_lens; one number: all): keys "
       "from it on are masked (score -1e6, weight 0); 0: uniform weights; empty: no mask",
       "whole numbers 'a,b', 0 to " + std::to_string(kMaxMultiHeadVectors) + ", up to " +
           std::to_string(kMaxMultiHeadBatch) + ", or empty",
       "", set_valid_lens, get_valid_lens},
      integer_setting("mh.seed",
                      "seed of W_q, W_k, W_v, W_o (Xavier-uniform, drawn first) and the random "
                      "inputs",
                      &S::mh_seed, 0, kMaxSeed),
      integer_setting("mh.batch_item", "the sequence of the batch the multi-head views show",
                      &S::mh_batch_item, 0, kMaxMultiHeadBatch - 1),
      integer_setting("mh.query", "the query every multi-head view outlines (-1: none)",
                      &S::mh_query, -1, kMaxMultiHeadVectors - 1),
      integer_setting("mh.key", "the key every multi-head view outlines (-1: none)", &S::mh_key, -1,
                      kMaxMultiHeadVectors - 1),
  };
}

}  // namespace al
