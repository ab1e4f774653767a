# Installation of libgorb: headers, library, pkg-config file and CMake
# package, so that an outside project can use either
#   pkg-config --cflags --libs gorb-1
# or
#   find_package(Gorb 0.1 REQUIRED)  +  target_link_libraries(app PRIVATE Gorb::gorb)
# The package also has the IDL compiler (Gorb::gorb-idlc, installed by
# idlc/CMakeLists.txt into the same export set) and gorb_idl_generate()
# (GorbIdl.cmake).
include(CMakePackageConfigHelpers)

install(TARGETS gorb EXPORT GorbTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES gorb.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1)
install(FILES ${GORB_MARSHAL_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/marshal)
install(FILES ${GORB_WIRE_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/wire)
install(FILES ${GORB_TRANSPORT_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/transport)
install(FILES ${GORB_REF_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/ref)
install(FILES ${GORB_RMI_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/rmi)
install(FILES ${GORB_DGC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/dgc)

set(GORB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Gorb)
install(EXPORT GorbTargets NAMESPACE Gorb:: DESTINATION ${GORB_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GorbConfig.cmake.in
    ${PROJECT_BINARY_DIR}/GorbConfig.cmake
    INSTALL_DESTINATION ${GORB_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/GorbConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/GorbConfig.cmake ${PROJECT_BINARY_DIR}/GorbConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/GorbIdl.cmake
    DESTINATION ${GORB_CMAKE_DIR})

# A relocatable .pc file: the prefix is found from where the file lies.
file(RELATIVE_PATH GORB_PC_TO_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" GORB_PC_TO_PREFIX "${GORB_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/gorb-1.pc.in ${PROJECT_BINARY_DIR}/gorb-1.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/gorb-1.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
