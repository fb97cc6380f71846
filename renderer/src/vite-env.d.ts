/// <reference types="vite/client" />
// Vite module types (`?url` imports, CSS imports) for every project that type-checks renderer files, including test/.
