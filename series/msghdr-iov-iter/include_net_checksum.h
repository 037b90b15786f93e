#include <net/checksum.h>
