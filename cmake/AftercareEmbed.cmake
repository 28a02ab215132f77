# aftercare_embed_file(INPUT file OUTPUT file.cpp SYMBOL name)
#
# Turns a data file into a C++ source defining
#   extern const char        <SYMBOL>[];       // the bytes, NUL-terminated
#   extern const std::size_t <SYMBOL>_size;    // without the NUL
# at build time, so an edit of the data file rebuilds the library. No network, no tools beyond CMake.
set(_AFTERCARE_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_file.cmake")

function(aftercare_embed_file)
  cmake_parse_arguments(ARG "" "INPUT;OUTPUT;SYMBOL" "" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${ARG_INPUT} -DOUTPUT=${ARG_OUTPUT} -DSYMBOL=${ARG_SYMBOL}
            -P "${_AFTERCARE_EMBED_SCRIPT}"
    DEPENDS "${ARG_INPUT}" "${_AFTERCARE_EMBED_SCRIPT}"
    COMMENT "Embedding ${ARG_INPUT}"
    VERBATIM)
endfunction()
