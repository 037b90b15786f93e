#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/kernel.h>

typedef struct { unsigned long seg; } mm_segment_t;

#define KERNEL_DS	((mm_segment_t) { ~0UL })
#define USER_DS		((mm_segment_t) { 0x7ffffffff000UL })
#define segment_eq(a, b)	((a).seg == (b).seg)
#define VERIFY_READ	0
#define VERIFY_WRITE	1

mm_segment_t get_fs(void);
void set_fs(mm_segment_t fs);
int access_ok(int type, const void __user *addr, unsigned long size);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user_nocache(void *to, const void __user *from,
				       unsigned long n);
#define get_user(x, ptr)	__get_user_fn(&(x), (ptr), sizeof(*(ptr)))
#define __get_user(x, ptr)	__get_user_fn(&(x), (ptr), sizeof(*(ptr)))
int __get_user_fn(void *x, const void __user *ptr, unsigned long size);

#endif
