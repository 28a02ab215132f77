# The WebAssembly build (emcmake / the `wasm` preset): the library and its C interface compiled by
# Debian's emscripten into one JavaScript file that carries the .wasm inline (bindings/js/).
#
# - No OS tz database: the browser has no /usr/share/zoneinfo and Debian ships date-tz only as a
#   compiled library, so AFTERCARE_OS_TZDB is OFF and zones come from the JavaScript engine's Intl
#   through the C interface's zone source (bindings/js/wasm_zones.cpp).
# - date and nlohmann/json are header-only here. Their Debian headers live in /usr/include, which
#   must not be on emscripten's include path (it would shadow emscripten's libc headers), so each
#   is reached through a folder of the build tree that links to that one header folder.
# - Only the library and the module are built: no command, tests, shared library or install.
set(AFTERCARE_OS_TZDB OFF CACHE BOOL "" FORCE)
set(AFTERCARE_BUILD_TESTS OFF CACHE BOOL "" FORCE)
set(AFTERCARE_BUILD_CLI OFF CACHE BOOL "" FORCE)
set(AFTERCARE_BUILD_C OFF CACHE BOOL "" FORCE)
set(AFTERCARE_BUILD_BENCH OFF CACHE BOOL "" FORCE)
set(AFTERCARE_BUILD_PYTHON OFF CACHE BOOL "" FORCE)
set(AFTERCARE_INSTALL OFF CACHE BOOL "" FORCE)

# The core reports bad input by throwing and the C interface turns every exception into a status:
# catching must be on in every object (emscripten's default leaves it off, and an exception then
# escapes the C interface as a bare pointer).
add_compile_options(-fexceptions "SHELL:-s DISABLE_EXCEPTION_CATCHING=0")
add_link_options(-fexceptions "SHELL:-s DISABLE_EXCEPTION_CATCHING=0")

set(_aftercare_host_include "${CMAKE_BINARY_DIR}/host-include")
foreach(_pair "date:date/date.h" "nlohmann:nlohmann/json.hpp")
  string(REPLACE ":" ";" _pair "${_pair}")
  list(GET _pair 0 _dir)
  list(GET _pair 1 _header)
  find_path(AFTERCARE_HOST_${_dir}_INCLUDE "${_header}" PATHS /usr/include /usr/local/include
            NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(NOT AFTERCARE_HOST_${_dir}_INCLUDE)
    message(FATAL_ERROR "wasm: ${_header} not found; install libhowardhinnant-date-dev and nlohmann-json3-dev (tools/ensure-deps)")
  endif()
  file(MAKE_DIRECTORY "${_aftercare_host_include}")
  file(CREATE_LINK "${AFTERCARE_HOST_${_dir}_INCLUDE}/${_dir}" "${_aftercare_host_include}/${_dir}" SYMBOLIC)
endforeach()

add_library(date::date INTERFACE IMPORTED)
set_target_properties(date::date PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_aftercare_host_include}"
  INTERFACE_COMPILE_DEFINITIONS "ONLY_C_LOCALE=1;HAS_STRING_VIEW=1;USE_OS_TZDB=1")  # as Debian's dateTargets.cmake
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_aftercare_host_include}")
