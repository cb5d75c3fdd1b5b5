package knowledge

import "io/fs"

// EmbeddedFS returns the fact files compiled into the binary, for loading them together
// with extra directories: Load(EmbeddedFS(), os.DirFS(dir)).
func EmbeddedFS() fs.FS {
	sub, err := fs.Sub(embeddedFacts, "facts")
	if err != nil {
		// fs.Sub fails only on an invalid path name; "facts" is a valid constant.
		panic(err)
	}
	return sub
}
