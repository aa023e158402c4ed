// Only the reentrant GEOS C API (the *_r functions) is used by investmap.
#define USE_UNSTABLE_GEOS_CPP_API 0
#include <geos_c.h>
