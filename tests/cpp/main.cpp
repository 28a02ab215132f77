// The test runner. Suites live in <header>_tests.cpp, one per public header.
#define BOOST_TEST_MODULE aftercare
#include <boost/test/unit_test.hpp>
