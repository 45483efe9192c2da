// The attention-as-a-kernel lab: sizes, typed vectors, its views.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, KernelIdentityLab) {
  show_lab("kernel-identity");
  typed_steppers({{"identity.dim", "3"},
                  {"identity.n_queries", "5"},
                  {"identity.n_keys", "7"},
                  {"identity.seed", "2"}});
  type_into("identity.queries", "1,0;0,2");
  EXPECT_EQ(settings().identity_queries.count(), 2);
  type_into("identity.keys", "1,1;3,0");
  EXPECT_EQ(settings().identity_keys.count(), 2);
  use("identity.random");
  EXPECT_TRUE(settings().identity_queries.empty());
  ASSERT_TRUE(set_setting(s(), "identity.query", "1"));
  driver->frames(2);
  use("identity.clear");
  EXPECT_EQ(settings().identity_query, -1);
  for (const char* view : {"kernel-identity", "kernel-identity-nw"}) view_toolbar(view);
  use("identity.defaults");
  EXPECT_EQ(static_cast<const KernelIdentitySettings&>(settings()), KernelIdentitySettings{});
  fold_each({"section.identity_about", "section.identity_vectors", "section.identity_follow"});
}

}  // namespace
}  // namespace al::gui
