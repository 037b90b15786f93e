struct item { int a; };
struct table { struct item *items; int n; };

int table_init(struct table *t, int n, int gfp)
{
	t->items = kmalloc(n * sizeof(struct item), gfp);
	if (!t->items)
		return -1;
	t->n = n;
	return 0;
}

int *counters(unsigned int cpus)
{
	int *c = kmalloc(sizeof(*c) * cpus, GFP_KERNEL);

	return c;
}

char **names(int n)
{
	return kmalloc(sizeof(char *) * (n + 1), GFP_KERNEL);
}
