struct page;

/* Another copy helper of the same shape: not RDS's. */
int rds_page_copy_kernel(struct page *page, unsigned long offset,
			 void *ptr, unsigned long bytes, int to_page)
{
	void *addr = kmap(page);

	if (to_page)
		memcpy(addr + offset, ptr, bytes);
	else
		memcpy(ptr, addr + offset, bytes);
	kunmap(page);
	return 0;
}
EXPORT_SYMBOL_GPL(rds_page_copy_kernel);
