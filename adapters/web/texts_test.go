package web

import (
	"os"
	"regexp"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestEveryTextKeyResolves: a page never shows a text's key ("define.title") instead of
// its words, in either language, whether the key is the page's own or the brain's.
func TestEveryTextKeyResolves(t *testing.T) {
	uses := regexp.MustCompile(`(?:\bt (?:\$l|\.Lang)|\btr\(lang,) "([a-z.]+)"`)
	files := []string{"pages.go", "templates/pages.html", "templates/layout.html"}
	seen := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			seen++
			for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
				if got := tr(lang, m[1]); got == m[1] || got == "" {
					t.Errorf("%s: text %q has no %s words", f, m[1], lang)
				}
			}
		}
	}
	if seen < 40 {
		t.Fatalf("found only %d text uses; the pattern no longer matches the templates", seen)
	}
}
