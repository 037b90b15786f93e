// SPDX-License-Identifier: GPL-2.0
/* The probe's entry point: argc, argv and envp from the initial stack, no libc. */
int probe_main(int argc, char **argv, char **envp);

#if defined(__x86_64__)
__asm__(".text\n.global _start\n_start:\n"
	"	xor %rbp, %rbp\n"
	"	mov (%rsp), %rdi\n"
	"	lea 8(%rsp), %rsi\n"
	"	lea 8(%rsi,%rdi,8), %rdx\n"
	"	and $-16, %rsp\n"
	"	call probe_main\n"
	"	mov %eax, %edi\n"
	"	mov $231, %eax\n" /* exit_group */
	"	syscall\n");
#elif defined(__i386__)
__asm__(".text\n.global _start\n_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov (%esp), %eax\n"
	"	lea 4(%esp), %ecx\n"
	"	lea 4(%ecx,%eax,4), %edx\n"
	"	and $-16, %esp\n"
	"	sub $4, %esp\n"
	"	push %edx\n"
	"	push %ecx\n"
	"	push %eax\n"
	"	call probe_main\n"
	"	mov %eax, %ebx\n"
	"	mov $252, %eax\n" /* exit_group */
	"	int $0x80\n");
#elif defined(__aarch64__)
__asm__(".text\n.global _start\n_start:\n"
	"	ldr x0, [sp]\n"
	"	add x1, sp, #8\n"
	"	add x2, x1, x0, lsl #3\n"
	"	add x2, x2, #8\n"
	"	bl probe_main\n"
	"	mov x8, #94\n" /* exit_group */
	"	svc 0\n");
#endif
