package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Snapshot is one loaded fact base with the matcher built over it. It never changes:
// a reload makes a new snapshot, so a message handled against one sees one
// consistent base from start to finish.
type Snapshot struct {
	Base    *Base
	Matcher *Matcher
	// Version counts successful loads: 1 for the first, one more per reload.
	Version uint64
	// Loaded is when the snapshot was built.
	Loaded time.Time
}

// ReloadReport describes a successful reload.
type ReloadReport struct {
	Version uint64
	Facts   int      // facts in the new base
	Added   []string // ids new in this snapshot, sorted
	Removed []string // ids gone from this snapshot, sorted
	Changed []string // ids whose content differs, sorted
}

// ErrNotReloadable is returned by Reload on a library built over a fixed base.
var ErrNotReloadable = errors.New("knowledge: the fact base was not loaded from files, nothing to reload")

// LibraryOptions configure OpenLibrary.
type LibraryOptions struct {
	// ExtraDirs are directories of fact packs (*.toml, searched recursively) merged
	// with the builtin facts; a pack may not redefine an id.
	ExtraDirs []string
	// Builtin are the facts every snapshot starts from; nil means the embedded ones.
	Builtin fs.FS
	// Logger receives reload outcomes; nil discards them.
	Logger *slog.Logger
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Library holds the current snapshot of a fact base that can be reloaded from its
// fact packs while messages are being answered. Readers call Current, an atomic load
// with no lock; Reload validates the files and swaps the snapshot only when they are
// sound, so a broken pack never replaces a working base.
type Library struct {
	cur atomic.Pointer[Snapshot]

	dirs    []string
	builtin fs.FS // nil for a fixed library
	log     *slog.Logger
	now     func() time.Time

	// mu serialises reloads (never taken by readers); seen is the fingerprint of the
	// pack files at the last attempt, good or bad, so that the watcher retries a
	// broken pack only once it has changed again.
	mu   sync.Mutex
	seen string
}

// NewFixedLibrary wraps a base that was not loaded from files (tests, bot.New); its
// Reload fails with ErrNotReloadable. A nil matcher means NewMatcher(base).
func NewFixedLibrary(base *Base, matcher *Matcher) *Library {
	if matcher == nil {
		matcher = NewMatcher(base)
	}
	l := &Library{log: discardLogger(), now: time.Now}
	l.cur.Store(&Snapshot{Base: base, Matcher: matcher, Version: 1, Loaded: time.Now()})
	return l
}

// OpenLibrary loads the builtin facts and the extra directories, validated together.
// A problem in any file is an error (a *ValidationError lists them all) and no
// library is returned: at start there is no previous base to fall back on.
func OpenLibrary(opts LibraryOptions) (*Library, error) {
	l := &Library{
		dirs:    append([]string(nil), opts.ExtraDirs...),
		builtin: opts.Builtin,
		log:     opts.Logger,
		now:     opts.Now,
	}
	if l.builtin == nil {
		l.builtin = EmbeddedFS()
	}
	if l.log == nil {
		l.log = discardLogger()
	}
	if l.now == nil {
		l.now = time.Now
	}
	fp, err := l.fingerprint()
	if err != nil {
		return nil, err
	}
	base, err := l.load()
	if err != nil {
		return nil, err
	}
	l.seen = fp
	l.cur.Store(&Snapshot{Base: base, Matcher: NewMatcher(base), Version: 1, Loaded: l.now()})
	return l, nil
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// Current returns the snapshot to answer from. It is safe for concurrent use and
// never nil.
func (l *Library) Current() *Snapshot { return l.cur.Load() }

// Dirs returns the fact-pack directories the library reloads.
func (l *Library) Dirs() []string { return append([]string(nil), l.dirs...) }

// Reloadable reports whether Reload can read anything (false for a fixed library).
func (l *Library) Reloadable() bool { return l.builtin != nil }

// Reload reads and validates every fact file again and, when they are sound, makes
// them the current snapshot. On any problem the current snapshot stays, every
// problem is logged, and the error (wrapping a *ValidationError when the files
// were read but are invalid) says why. Messages being answered finish on the
// snapshot they started with.
func (l *Library) Reload() (ReloadReport, error) {
	if !l.Reloadable() {
		return ReloadReport{}, ErrNotReloadable
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reloadLocked()
}

func (l *Library) reloadLocked() (ReloadReport, error) {
	// The fingerprint is taken before reading: if a file changes while it is loaded,
	// the next poll sees a difference and loads again.
	fp, fpErr := l.fingerprint()
	if fpErr == nil {
		l.seen = fp
	}
	base, err := l.load()
	if err == nil {
		err = fpErr
	}
	if err != nil {
		l.logRejected(err)
		return ReloadReport{}, fmt.Errorf("fact packs rejected, still serving the previous base: %w", err)
	}
	old := l.Current()
	next := &Snapshot{Base: base, Matcher: NewMatcher(base), Version: old.Version + 1, Loaded: l.now()}
	l.cur.Store(next)
	rep := diffBases(old.Base, base)
	rep.Version, rep.Facts = next.Version, base.Len()
	l.log.Info("fact base reloaded", "facts", rep.Facts, "version", rep.Version,
		"added", len(rep.Added), "removed", len(rep.Removed), "changed", len(rep.Changed))
	return rep, nil
}

func (l *Library) logRejected(err error) {
	var verr *ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			l.log.Error("fact pack problem", "dir", l.dirOf(p.File), "file", p.File, "fact", p.FactID, "field", p.Field, "problem", p.Msg)
		}
		l.log.Error("fact packs rejected; still serving the previous base",
			"problems", len(verr.Problems), "facts", l.Current().Base.Len())
		return
	}
	l.log.Error("fact packs rejected; still serving the previous base", "err", err, "facts", l.Current().Base.Len())
}

// dirOf names the pack directory holding file (problems name files relative to their
// directory, and two packs may both have a cases.toml); empty for a builtin file.
func (l *Library) dirOf(file string) string {
	var in []string
	for _, d := range l.dirs {
		if _, err := os.Stat(filepath.Join(d, filepath.FromSlash(file))); err == nil {
			in = append(in, d)
		}
	}
	return strings.Join(in, ",")
}

// ReloadIfChanged reloads when the pack files differ from those of the last attempt
// (added, removed, resized, touched or edited). changed reports whether a reload was
// attempted; err is its outcome.
func (l *Library) ReloadIfChanged() (changed bool, rep ReloadReport, err error) {
	if !l.Reloadable() || len(l.dirs) == 0 {
		return false, ReloadReport{}, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fp, err := l.fingerprint()
	if err != nil {
		// A directory that vanished is a change: report it once, then wait for the
		// next change.
		msg := "error:" + err.Error()
		if msg == l.seen {
			return false, ReloadReport{}, nil
		}
		l.seen = msg
		l.logRejected(err)
		return true, ReloadReport{}, fmt.Errorf("fact packs rejected, still serving the previous base: %w", err)
	}
	if fp == l.seen {
		return false, ReloadReport{}, nil
	}
	rep, err = l.reloadLocked()
	return true, rep, err
}

func (l *Library) load() (*Base, error) {
	fsyses := []fs.FS{l.builtin}
	for _, d := range l.dirs {
		if err := checkDir(d); err != nil {
			return nil, err
		}
		fsyses = append(fsyses, os.DirFS(d))
	}
	return Load(fsyses...)
}

func checkDir(d string) error {
	fi, err := os.Stat(d)
	if err != nil {
		return fmt.Errorf("knowledge.extra_dirs: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("knowledge.extra_dirs: %s is not a directory", d)
	}
	return nil
}

// fingerprint summarises the pack files: every *.toml path with its size,
// modification time and content hash. The content hash catches an edit that keeps
// size and time (coarse file-system clocks); packs are small, so reading them every
// few seconds costs little.
func (l *Library) fingerprint() (string, error) {
	h := sha256.New()
	for i, d := range l.dirs {
		if err := checkDir(d); err != nil {
			return "", err
		}
		var files []string
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(p, ".toml") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("knowledge.extra_dirs: listing %s: %w", d, err)
		}
		sort.Strings(files)
		for _, p := range files {
			fi, err := os.Stat(p)
			if err != nil {
				return "", fmt.Errorf("knowledge.extra_dirs: %w", err)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return "", fmt.Errorf("knowledge.extra_dirs: %w", err)
			}
			sum := sha256.Sum256(data)
			fmt.Fprintf(h, "%d\x00%s\x00%d\x00%d\x00%x\n", i, p, fi.Size(), fi.ModTime().UnixNano(), sum)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// diffBases lists the ids added, removed and changed from old to next.
func diffBases(old, next *Base) ReloadReport {
	var rep ReloadReport
	for _, f := range next.Facts() {
		prev, ok := old.Get(f.ID)
		switch {
		case !ok:
			rep.Added = append(rep.Added, f.ID)
		case !sameFact(prev, f):
			rep.Changed = append(rep.Changed, f.ID)
		}
	}
	for _, f := range old.Facts() {
		if _, ok := next.Get(f.ID); !ok {
			rep.Removed = append(rep.Removed, f.ID)
		}
	}
	return rep
}

// sameFact reports whether two versions of a fact are identical in every field.
func sameFact(a, b *Fact) bool { return reflect.DeepEqual(*a, *b) }
