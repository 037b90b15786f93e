#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/kernel.h>

int fault_in_pages_readable(const char __user *uaddr, int size);

#endif
