struct chip { int irq; };

struct chip *chip_new(int len, int gfp)
{
	struct chip *chip = kmalloc(sizeof(*chip), gfp);
	char *buf = kmalloc(len, gfp);
	char *pair = kmalloc(2 * len, gfp);

	kfree(buf);
	kfree(pair);
	return chip;
}
