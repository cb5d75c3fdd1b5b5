package knowledge

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
)

// examplePack is the pack the README shows lecturers.
const examplePack = "../examples/packs/course-hi3101"

const palmasQuestion = "Who won the Island of Palmas arbitration?"

// packFixture is a library over the small matcher test base plus one pack directory
// the test writes to.
type packFixture struct {
	t    *testing.T
	dir  string
	lib  *Library
	logs *syncbuf.Buffer
}

func newPackFixture(t *testing.T, withPack bool) *packFixture {
	t.Helper()
	f := &packFixture{t: t, dir: t.TempDir(), logs: &syncbuf.Buffer{}}
	if withPack {
		f.writePack("cases.toml", f.examplePack())
	}
	lib, err := OpenLibrary(LibraryOptions{
		ExtraDirs: []string{f.dir},
		Builtin:   os.DirFS("testdata/matcherbase"),
		Logger:    slog.New(slog.NewTextHandler(f.logs, nil)),
	})
	if err != nil {
		t.Fatalf("OpenLibrary: %v", err)
	}
	f.lib = lib
	return f
}

func (f *packFixture) examplePack() string {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(examplePack, "cases.toml"))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(data)
}

func (f *packFixture) writePack(name, content string) {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.dir, name), []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// answers reports the fact id the snapshot answers q with, "" when it refuses.
func answers(s *Snapshot, q string) string {
	res := s.Matcher.Match(q, EN)
	if !res.Answered {
		return ""
	}
	return res.Best.Fact.ID
}

func TestLibraryReloadPicksUpAddedPack(t *testing.T) {
	f := newPackFixture(t, false)
	before := f.lib.Current()
	if got := answers(before, palmasQuestion); got != "" {
		t.Fatalf("before the pack, %q was answered with %s", palmasQuestion, got)
	}
	f.writePack("cases.toml", f.examplePack())
	rep, err := f.lib.Reload()
	if err != nil {
		t.Fatalf("Reload: %v", err)
	}
	after := f.lib.Current()
	if got := answers(after, palmasQuestion); got != "hi3101-island-of-palmas" {
		t.Errorf("after the reload, %q answered with %q", palmasQuestion, got)
	}
	if rep.Facts != before.Base.Len()+2 || len(rep.Added) != 2 || len(rep.Removed) != 0 || rep.Version != before.Version+1 {
		t.Errorf("report = %+v, want 2 facts added to %d, version %d", rep, before.Base.Len(), before.Version+1)
	}
	// A message that started on the old snapshot finishes on it unchanged.
	if got := answers(before, palmasQuestion); got != "" {
		t.Errorf("the old snapshot changed: it now answers %s", got)
	}
	if !strings.Contains(f.logs.String(), "fact base reloaded") || !strings.Contains(f.logs.String(), "facts=8") {
		t.Errorf("log lacks the reload and the new fact count:\n%s", f.logs)
	}
}

func TestLibraryRejectsBrokenPackAndKeepsServing(t *testing.T) {
	good := newPackFixture(t, true).examplePack()
	tests := []struct {
		name    string
		content string
		want    []string // in the problems and the log
	}{
		{"toml syntax error", strings.Replace(good, `kind = "event"`, `kind = "event`, 1), []string{"cases.toml", "line"}},
		{"missing Indonesian answer", strings.Replace(good, "answer_id = ", "# answer_id = ", 1), []string{"hi3101-island-of-palmas", "answer_id", "missing"}},
		{"unlinked UN symbol", strings.Replace(good, "Miangas, today", "Miangas (see A/RES/70/237), today", 1), []string{"A/RES/70/237", "not linked"}},
		{"unknown topic", strings.Replace(good, `topics = ["law"]`, `topics = ["football"]`, 1), []string{"hi3101-corfu-channel", "football"}},
		{"not UTF-8", good + "\xff\xfe", []string{"not valid UTF-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newPackFixture(t, true)
			serving := f.lib.Current()
			f.writePack("cases.toml", tc.content)
			_, err := f.lib.Reload()
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Reload error = %v, want a *ValidationError", err)
			}
			if f.lib.Current() != serving {
				t.Fatal("a broken pack replaced the serving snapshot")
			}
			if got := answers(f.lib.Current(), palmasQuestion); got != "hi3101-island-of-palmas" {
				t.Errorf("the previous base stopped answering: got %q", got)
			}
			problems := verr.Error()
			for _, w := range tc.want {
				if !strings.Contains(problems, w) {
					t.Errorf("problems lack %q:\n%s", w, problems)
				}
			}
			logs := f.logs.String()
			if n := strings.Count(logs, "fact pack problem"); n != len(verr.Problems) {
				t.Errorf("logged %d problems, want all %d:\n%s", n, len(verr.Problems), logs)
			}
			if !strings.Contains(logs, "dir="+f.dir) {
				t.Errorf("log does not name the pack directory %s:\n%s", f.dir, logs)
			}
			if !strings.Contains(logs, "still serving the previous base") {
				t.Errorf("log does not say the previous base keeps serving:\n%s", logs)
			}
			// Fixing the pack makes the next reload succeed.
			f.writePack("cases.toml", good)
			rep, err := f.lib.Reload()
			if err != nil {
				t.Fatalf("reload after the fix: %v", err)
			}
			if rep.Version != serving.Version+1 || f.lib.Current() == serving {
				t.Errorf("the fixed pack was not swapped in: report %+v", rep)
			}
		})
	}
}

func TestLibraryRejectsIDClashWithBuiltin(t *testing.T) {
	f := newPackFixture(t, true)
	builtinID := f.lib.Current().Base.Facts()[0].ID
	f.writePack("clash.toml", strings.Replace(f.examplePack(), `id = "hi3101-corfu-channel"`, `id = "`+builtinID+`"`, 1))
	serving := f.lib.Current()
	_, err := f.lib.Reload()
	if err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Fatalf("Reload error = %v, want a duplicate id", err)
	}
	if f.lib.Current() != serving {
		t.Error("a clashing pack replaced the serving snapshot")
	}
}

func TestLibraryMissingDirectoryKeepsServing(t *testing.T) {
	f := newPackFixture(t, true)
	serving := f.lib.Current()
	if err := os.RemoveAll(f.dir); err != nil {
		t.Fatal(err)
	}
	changed, _, err := f.lib.ReloadIfChanged()
	if !changed || err == nil {
		t.Fatalf("ReloadIfChanged on a removed directory = %v, %v; want a reported failure", changed, err)
	}
	if f.lib.Current() != serving {
		t.Error("the snapshot changed although the pack directory is gone")
	}
	// The same failure is reported once, not on every poll.
	if changed, _, _ := f.lib.ReloadIfChanged(); changed {
		t.Error("the same missing directory was reported again")
	}
}

func TestLibraryReloadIfChanged(t *testing.T) {
	f := newPackFixture(t, true)
	good := f.examplePack()
	steps := []struct {
		name        string
		act         func()
		wantChanged bool
		wantErr     bool
	}{
		{"nothing changed", func() {}, false, false},
		{"same content rewritten", func() { f.writePack("cases.toml", good) }, true, false},
		{"nothing changed again", func() {}, false, false},
		{"answer edited, same size", func() {
			f.writePack("cases.toml", strings.Replace(good, "sole arbitrator", "sole-arbitrator", 1))
		}, true, false},
		{"broken", func() { f.writePack("cases.toml", good+"\n[[fact]]\nid = \"x\"\n") }, true, true},
		{"still broken, untouched", func() {}, false, false},
		{"fixed", func() { f.writePack("cases.toml", good) }, true, false},
		{"file added", func() {
			f.writePack("more.toml", strings.ReplaceAll(good, "hi3101-", "hi3102-"))
		}, true, false},
		{"file removed", func() { os.Remove(filepath.Join(f.dir, "more.toml")) }, true, false},
		{"non-toml file added", func() { f.writePack("notes.md", "lecture notes") }, false, false},
	}
	for _, s := range steps {
		s.act()
		changed, _, err := f.lib.ReloadIfChanged()
		if changed != s.wantChanged || (err != nil) != s.wantErr {
			t.Errorf("%s: changed=%v err=%v; want changed=%v err=%v", s.name, changed, err, s.wantChanged, s.wantErr)
		}
	}
	if got := f.lib.Current().Base.Len(); got != 8 {
		t.Errorf("final base has %d facts, want 8", got)
	}
}

func TestFixedLibraryIsNotReloadable(t *testing.T) {
	base, err := Load(os.DirFS("testdata/matcherbase"))
	if err != nil {
		t.Fatal(err)
	}
	lib := NewFixedLibrary(base, nil)
	if _, err := lib.Reload(); !errors.Is(err, ErrNotReloadable) {
		t.Errorf("Reload = %v, want ErrNotReloadable", err)
	}
	if changed, _, err := lib.ReloadIfChanged(); changed || err != nil {
		t.Errorf("ReloadIfChanged = %v, %v", changed, err)
	}
	if lib.Current().Base != base || lib.Current().Matcher == nil {
		t.Error("the fixed snapshot does not hold the base and a matcher")
	}
}

func TestOpenLibraryRefusesBrokenPackAtStart(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.toml"), []byte("[[fact]]\nid = \"Bad Id\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := OpenLibrary(LibraryOptions{ExtraDirs: []string{dir}, Builtin: os.DirFS("testdata/matcherbase")})
	var verr *ValidationError
	if !errors.As(err, &verr) || !strings.Contains(err.Error(), "bad.toml") {
		t.Fatalf("OpenLibrary error = %v, want the problems of bad.toml", err)
	}
}

// TestExamplePackOverEmbeddedBase loads the README's example pack over the real base:
// it must merge without a clash and its phrasings must find its facts. The built-in
// facts it sits next to (sovereignty and due diligence cite its two cases) must keep
// answering their own questions: by themselves, or by the pack fact about the case
// the question names, which states the same link; never refused, never another fact.
func TestExamplePackOverEmbeddedBase(t *testing.T) {
	lib, err := OpenLibrary(LibraryOptions{ExtraDirs: []string{examplePack}})
	if err != nil {
		t.Fatalf("the example pack does not load over the embedded base: %v", err)
	}
	snap := lib.Current()
	pack, err := Load(os.DirFS(examplePack))
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		fact   *Fact
		accept map[string]bool
	}
	var checks []check
	for _, pf := range pack.Facts() {
		checks = append(checks, check{pf, map[string]bool{pf.ID: true}})
	}
	for _, id := range []string{"sovereignty", "due-diligence"} {
		f, ok := snap.Base.Get(id)
		if !ok {
			t.Fatalf("the embedded base has no %s fact", id)
		}
		accept := map[string]bool{id: true}
		for _, pf := range pack.Facts() {
			accept[pf.ID] = true
		}
		checks = append(checks, check{f, accept})
	}
	moved := 0
	for _, c := range checks {
		for _, lang := range []Lang{EN, ID} {
			for _, q := range c.fact.Questions(lang) {
				res := snap.Matcher.Match(q, lang)
				switch {
				case !res.Answered:
					t.Errorf("%q (%s) is refused with the pack loaded", q, c.fact.ID)
				case !c.accept[res.Best.Fact.ID]:
					t.Errorf("%q (%s) is answered with %s", q, c.fact.ID, res.Best.Fact.ID)
				case res.Best.Fact.ID != c.fact.ID:
					moved++
					t.Logf("%q (%s) is now answered by the pack fact %s", q, c.fact.ID, res.Best.Fact.ID)
				}
			}
		}
	}
	if moved > 1 {
		t.Errorf("%d questions of the built-in facts moved to the pack, want at most 1", moved)
	}
}

// BenchmarkLibraryReload measures one reload of the embedded base plus the example
// pack: reading, validating, and building the matcher.
func BenchmarkLibraryReload(b *testing.B) {
	lib, err := OpenLibrary(LibraryOptions{ExtraDirs: []string{examplePack}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lib.Reload(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibraryPollUnchanged measures one watcher poll when nothing changed.
func BenchmarkLibraryPollUnchanged(b *testing.B) {
	lib, err := OpenLibrary(LibraryOptions{ExtraDirs: []string{examplePack}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if changed, _, err := lib.ReloadIfChanged(); changed || err != nil {
			b.Fatal(changed, err)
		}
	}
}
