/* Keeps the test utility library non-empty. */
void secuencia_test_dummy (void);
void secuencia_test_dummy (void) {}
