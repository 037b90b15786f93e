struct chip { int irq; };

struct chip *chip_new(int len, int gfp)
{
	struct chip *chip = kzalloc(sizeof(*chip), gfp);
	char *buf = kzalloc(len, gfp);
	char *pair = kzalloc(2 * len, gfp);

	kfree(buf);
	kfree(pair);
	return chip;
}
