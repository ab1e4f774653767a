# Installation of libgorb: headers, library, pkg-config file, CMake package.
install(TARGETS gorb EXPORT GorbTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES gorb.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1)
install(FILES ${GORB_MARSHAL_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gorb-1/marshal)
