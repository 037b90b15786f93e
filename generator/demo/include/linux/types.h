#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ssize_t;
typedef long long loff_t;
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned int __wsum;
typedef unsigned short __sum16;
typedef _Bool bool;
typedef unsigned int gfp_t;
typedef size_t __kernel_size_t;
typedef unsigned short sa_family_t;

#define NULL ((void *)0)
#define true 1
#define false 0

#endif
