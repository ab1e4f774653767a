# Warning flags for the project's own code (not for generated or third-party code).
set(GORB_WARNING_FLAGS
    -Wall -Wextra -Wformat=2 -Wshadow -Wpointer-arith -Wcast-align
    -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition
    -Wnull-dereference -Wundef -Wno-unused-parameter -Wno-missing-field-initializers)
if(GORB_WERROR)
  list(APPEND GORB_WARNING_FLAGS -Werror)
endif()

function(gorb_target_warnings target)
  target_compile_options(${target} PRIVATE ${GORB_WARNING_FLAGS})
endfunction()
