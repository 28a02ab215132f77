# ctest package.consumer: install the build into a fresh prefix, then build and run a consumer
# project with find_package(aftercare) and, separately, with the pkg-config file.
cmake_minimum_required(VERSION 3.25)
set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run("${CMAKE_COMMAND}" --install "${AFTERCARE_BUILD_DIR}" --prefix "${prefix}")
foreach(f bin/aftercare include/aftercare/aftercare.hpp include/aftercare/aftercare.h include/aftercare/zones.hpp include/aftercare/plan.hpp
          lib/cmake/aftercare/aftercareConfig.cmake lib/pkgconfig/aftercare.pc lib/pkgconfig/aftercare-c.pc
          lib/libaftercare_c.so share/aftercare/protocols/microneedling.json share/aftercare/schema/protocol.schema.json)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "install is missing ${f}")
  endif()
endforeach()
if(NOT EXISTS "${prefix}/lib/libaftercare.a" AND NOT EXISTS "${prefix}/lib/libaftercare.so")
  message(FATAL_ERROR "install is missing the library")
endif()
if(EXISTS "${prefix}/include/aftercare/detail/../../../src")
  message(FATAL_ERROR "private sources leaked into the install")
endif()

# 1. CMake package
run("${CMAKE_COMMAND}" -S "${AFTERCARE_SOURCE_DIR}/tests/package" -B "${WORK_DIR}/cmake-build"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_C_COMPILER=${CC}
    "-DCMAKE_C_FLAGS=${CXX_FLAGS}"
    # the same flags as the library's build (the sanitizer build needs its runtime in the consumer too)
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/cmake-build")
run("${WORK_DIR}/cmake-build/consumer")
message(STATUS "find_package: ${last_output}")
run("${WORK_DIR}/cmake-build/c-consumer")
message(STATUS "find_package, C, shared: ${last_output}")
if(EXISTS "${WORK_DIR}/cmake-build/c-static-consumer")
  run("${WORK_DIR}/cmake-build/c-static-consumer")
  message(STATUS "find_package, C, static: ${last_output}")
endif()

# 2. pkg-config
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
run("${PKG_CONFIG}" --cflags --libs aftercare)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${CXX_FLAGS} ${flags} ${LINKER_FLAGS}")
run("${CXX}" -std=c++20 "${AFTERCARE_SOURCE_DIR}/tests/package/main.cpp" -o "${WORK_DIR}/pc-consumer" ${flags})
# (with BUILD_SHARED_LIBS=ON the library is found through LD_LIBRARY_PATH, as pkg-config users do)
run("${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${prefix}/lib" "${WORK_DIR}/pc-consumer")
message(STATUS "pkg-config: ${last_output}")
# ... and a C program with aftercare-c.pc (the shared C library), found through LD_LIBRARY_PATH
run("${PKG_CONFIG}" --cflags --libs aftercare-c)
string(STRIP "${last_output}" cflags)
separate_arguments(cflags UNIX_COMMAND "${CXX_FLAGS} ${cflags} ${LINKER_FLAGS}")
run("${CC}" -std=c11 -Wall -Wextra -pedantic -Werror "${AFTERCARE_SOURCE_DIR}/tests/package/main.c" -o "${WORK_DIR}/pc-c-consumer" ${cflags})
run("${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${prefix}/lib" "${WORK_DIR}/pc-c-consumer")
message(STATUS "pkg-config, C: ${last_output}")

# 3. the installed command runs
run("${prefix}/bin/aftercare" protocol check "${prefix}/share/aftercare/protocols/microneedling.json")
message(STATUS "command: ${last_output}")
