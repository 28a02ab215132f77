# ctest java.jna: compiles CApiTest.java against Debian's JNA and runs it on the built libaftercare_c.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${JAVAC}" -encoding UTF-8 -Xlint:all -Werror -cp "${JNA}" -d "${WORK_DIR}" "${SOURCE}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "javac failed (${rc})")
endif()
execute_process(COMMAND "${JAVA}" -Djna.library.path=${LIBRARY_DIR} -Djna.nosys=false -cp "${WORK_DIR}:${JNA}" CApiTest "${COMMAND}" "${WORK_DIR}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "CApiTest failed (${rc})")
endif()
