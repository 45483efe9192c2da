// The labs of the workspace (see lab_ui.hpp): the one list a new lab is added to.
#include "bahdanau/bahdanau_lab.hpp"
#include "kernel_identity/kernel_identity_lab.hpp"
#include "kernel_regression/kernel_regression_lab.hpp"
#include "lab_ui.hpp"
#include "multi_head/multi_head_lab.hpp"
#include "positional_encoding/positional_encoding_lab.hpp"
#include "restaurant/restaurant_lab.hpp"
#include "scoring/scoring_lab.hpp"
#include "self_attention/self_attention_lab.hpp"
#include "transformer/transformer_lab.hpp"

namespace al::gui {

std::vector<std::unique_ptr<LabUi>> make_labs() {
  std::vector<std::unique_ptr<LabUi>> labs;
  labs.push_back(std::make_unique<KernelRegressionLab>());
  labs.push_back(std::make_unique<TransformerLab>());
  labs.push_back(std::make_unique<BahdanauLab>());
  labs.push_back(std::make_unique<PositionalEncodingLab>());
  labs.push_back(std::make_unique<SelfAttentionLab>());
  labs.push_back(std::make_unique<ScoringLab>());
  labs.push_back(std::make_unique<KernelIdentityLab>());
  labs.push_back(std::make_unique<MultiHeadLab>());
  labs.push_back(std::make_unique<RestaurantLab>());
  return labs;
}

LabUi& current_lab(AppState& s) {
  for (const auto& lab : s.labs)
    if (lab->kind() == s.lab.settings().app_lab) return *lab;
  return *s.labs.front();
}

}  // namespace al::gui
