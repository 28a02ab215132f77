# Warnings for aftercare's own targets only: an INTERFACE target that is linked privately (or with
# BUILD_INTERFACE) and never exported, so consumers of the installed package are not affected.
add_library(aftercare_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(aftercare_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align -Wdouble-promotion
    -Wimplicit-fallthrough -Wformat=2)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible overlaps inside std::string at -O3 (GCC bug 105651).
    target_compile_options(aftercare_warnings INTERFACE -Wno-restrict)
  endif()
  if(AFTERCARE_WARNINGS_AS_ERRORS)
    target_compile_options(aftercare_warnings INTERFACE -Werror)
  endif()
elseif(MSVC)
  target_compile_options(aftercare_warnings INTERFACE /W4 /permissive-)
  if(AFTERCARE_WARNINGS_AS_ERRORS)
    target_compile_options(aftercare_warnings INTERFACE /WX)
  endif()
endif()
