# Merges the template into one .po file, creating the file (with msginit) the first time.
if(NOT EXISTS ${PO})
  execute_process(COMMAND ${MSGINIT} --no-translator --locale=${LANG}.UTF-8 -i ${POT} -o ${PO} RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=none --previous ${PO} ${POT} RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Updating ${PO} failed")
endif()
