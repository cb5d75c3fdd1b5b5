package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFactsCheckPack checks a lecturer's pack the way the bot will load it: a pack
// whose related ids name built-in facts is sound, a broken one still lists its
// problems.
func TestFactsCheckPack(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(examplePack, "cases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	linked := strings.Replace(string(good), `related = ["hi3101-corfu-channel"]`, `related = ["hi3101-corfu-channel", "sovereignty"]`, 1)
	tests := []struct {
		name    string
		content string
		code    int
		stdout  string
	}{
		{"self-contained pack", string(good), exitOK, ": ok — 2 facts in 1 file(s), 0 on the timeline"},
		{"related to a built-in fact", linked, exitOK, " (a fact pack over the embedded base): ok — 2 facts in 1 file(s)"},
		{"related to an unknown fact", strings.Replace(linked, `"sovereignty"`, `"no-such-fact"`, 1), exitFail, `unknown fact id "no-such-fact"`},
		{"clashes with a built-in id", strings.Replace(linked, `id = "hi3101-corfu-channel"`, `id = "sovereignty"`, 1), exitFail, "problem(s)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "cases.toml"), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			res := cli(t, "", "facts", "check", dir)
			if res.code != tc.code || !strings.Contains(res.stdout, tc.stdout) {
				t.Errorf("exit %d, stdout:\n%s\nwant exit %d and %q", res.code, res.stdout, tc.code, tc.stdout)
			}
		})
	}
}
