/* gorb.h - the one header of libgorb */
#pragma once

#define GORB_INSIDE
#include "marshal/gorb-type.h"
#include "marshal/gorb-value.h"
#include "marshal/gorb-marshal-error.h"
#include "marshal/gorb-cdr.h"
#include "marshal/gorb-xml.h"
#include "marshal/gorb-variant.h"
#include "marshal/gorb-objref.h"
#include "wire/gorb-wire.h"
#include "transport/gorb-transport.h"
#include "ref/gorb-ref.h"
#include "rmi/gorb-system-error.h"
#include "rmi/gorb-orb-config.h"
#include "rmi/gorb-interface.h"
#include "rmi/gorb-body.h"
#include "rmi/gorb-skeleton.h"
#include "rmi/gorb-orb.h"
#include "rmi/gorb-proxy.h"
#include "dgc/gorb-dgc.h"
#undef GORB_INSIDE
