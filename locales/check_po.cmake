# Compiles one .po file and fails on errors, untranslated or fuzzy entries (shipped languages are complete).
execute_process(COMMAND ${MSGFMT} --check --statistics -o ${MO} ${PO}
                RESULT_VARIABLE rc ERROR_VARIABLE stats OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PO}: msgfmt --check failed:\n${stats}")
endif()
if(stats MATCHES "untranslated" OR stats MATCHES "fuzzy")
  file(REMOVE ${MO})
  message(FATAL_ERROR "${PO} is incomplete: ${stats}Translate every entry (see locales/README in the main README).")
endif()
