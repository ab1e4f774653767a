# gorb_idl_generate(TARGET <target> IDL_FILES <files...>
#                   [INCLUDE_DIRS <dirs...>] [XSD])
#
# Compiles IDL files with gorb-idlc at build time and builds the generated C
# into <target>. For each FILE.idl, gorb-idlc --c writes FILE.h and FILE.c
# (and, with XSD, --xsd writes FILE.xsd) into
# ${CMAKE_CURRENT_BINARY_DIR}/gorb-idl/. FILE.c is added to <target>'s
# sources and the output directory to its include directories (PUBLIC for a
# library, so that its users can include FILE.h; PRIVATE for an executable).
# Relative IDL_FILES and INCLUDE_DIRS are taken from the current source
# directory; INCLUDE_DIRS are passed to gorb-idlc as -I.
#
# The generated code includes <gorb.h>: <target> must link gorb
# (Gorb::gorb from the installed package, gorb inside the gorb build).
#
# Inside the gorb build the compiler is the gorb-idlc target; from the
# installed package (find_package(Gorb)) it is the imported executable
# Gorb::gorb-idlc.
#
# The outputs are rebuilt when the .idl file, a file it pulls in with
# #include (gorb-idlc --depfile, given to add_custom_command as its DEPFILE)
# or the compiler changes. DEPFILE needs the Makefile or Ninja generators
# (CMake >= 3.20); with another generator includes are not tracked: after
# editing an included file, touch the including one. The depfile names
# every file with an absolute path, so policy CMP0116 (how Ninja reads
# relative ones) makes no difference: it is set to NEW for this function
# only, to keep CMake from warning about it.
#
# An IDL file can be generated once per directory (the outputs share
# gorb-idl/); to use its types from several targets, generate it into a
# library that they link.

cmake_policy(PUSH)
if(POLICY CMP0116)
  cmake_policy(SET CMP0116 NEW) # recorded with the function, used where it is called
endif()
function(gorb_idl_generate)
  cmake_parse_arguments(PARSE_ARGV 0 GIG "XSD" "TARGET" "IDL_FILES;INCLUDE_DIRS")
  if(GIG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gorb_idl_generate: unknown arguments: ${GIG_UNPARSED_ARGUMENTS}")
  endif()
  if("${GIG_TARGET}" STREQUAL "")
    message(FATAL_ERROR "gorb_idl_generate: TARGET is required")
  endif()
  if(NOT TARGET ${GIG_TARGET})
    message(FATAL_ERROR "gorb_idl_generate: '${GIG_TARGET}' is not a target")
  endif()
  if("${GIG_IDL_FILES}" STREQUAL "")
    message(FATAL_ERROR "gorb_idl_generate: IDL_FILES is required")
  endif()

  if(TARGET Gorb::gorb-idlc)
    set(compiler Gorb::gorb-idlc)
  elseif(TARGET gorb-idlc)
    set(compiler gorb-idlc)
  else()
    message(FATAL_ERROR "gorb_idl_generate: no gorb-idlc: use find_package(Gorb) first")
  endif()

  get_target_property(type ${GIG_TARGET} TYPE)
  if(type STREQUAL "EXECUTABLE")
    set(scope PRIVATE)
  elseif(type MATCHES "^(STATIC|SHARED|MODULE|OBJECT)_LIBRARY$")
    set(scope PUBLIC)
  else()
    message(FATAL_ERROR "gorb_idl_generate: '${GIG_TARGET}' is a ${type}: "
                        "an executable or a library with sources is needed")
  endif()

  set(outdir ${CMAKE_CURRENT_BINARY_DIR}/gorb-idl)
  set(include_args "")
  foreach(dir IN LISTS GIG_INCLUDE_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND include_args -I ${dir})
  endforeach()
  set(mode --c)
  if(GIG_XSD)
    list(APPEND mode --xsd)
  endif()

  set(use_depfile OFF)
  if(CMAKE_GENERATOR MATCHES "Make|Ninja" AND NOT CMAKE_VERSION VERSION_LESS 3.20)
    set(use_depfile ON)
  endif()

  get_property(done DIRECTORY PROPERTY GORB_IDL_GENERATED)
  set(sources "")
  foreach(idl IN LISTS GIG_IDL_FILES)
    get_filename_component(idl "${idl}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    get_filename_component(base "${idl}" NAME_WE)
    if(base IN_LIST done)
      message(FATAL_ERROR "gorb_idl_generate: ${base}.idl is already generated in this "
                          "directory (${outdir}): generate it once, into a library")
    endif()
    list(APPEND done ${base})
    set(outputs ${outdir}/${base}.h ${outdir}/${base}.c)
    if(GIG_XSD)
      list(APPEND outputs ${outdir}/${base}.xsd)
    endif()
    # DEPENDS on the compiler target reruns the command when gorb-idlc is
    # rebuilt (inside the gorb build) or reinstalled (imported executable);
    # the depfile adds the #included files (see the comment at the top).
    set(depfile_args "")
    set(depfile_option "")
    if(use_depfile)
      set(depfile ${outdir}/${base}.idl.d)
      set(depfile_args --depfile ${depfile})
      set(depfile_option DEPFILE ${depfile})
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND ${compiler} ${include_args} -o ${outdir} ${depfile_args} ${mode} ${idl}
      DEPENDS ${idl} ${compiler}
      ${depfile_option}
      COMMENT "gorb-idlc ${base}.idl -> ${base}.h ${base}.c"
      VERBATIM)
    list(APPEND sources ${outdir}/${base}.c ${outdir}/${base}.h)
  endforeach()
  set_property(DIRECTORY PROPERTY GORB_IDL_GENERATED ${done})

  target_sources(${GIG_TARGET} PRIVATE ${sources})
  # BUILD_INTERFACE: a library that is installed and exported does not
  # carry the build directory into its exported include directories.
  target_include_directories(${GIG_TARGET} ${scope} $<BUILD_INTERFACE:${outdir}>)
endfunction()
cmake_policy(POP)
