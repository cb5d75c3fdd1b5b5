package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot/storage"
)

// TestUnwritableDatabaseRefusedAtStart: a database the bot could read but not write (a
// read-only file in a writable folder, a full disk) stops it at start with a message
// naming the cause, instead of a bot that warns on every message.
func TestUnwritableDatabaseRefusedAtStart(t *testing.T) {
	tests := []struct {
		name      string
		prepare   func(t *testing.T) string // returns the database path
		wantInErr []string
	}{
		{name: "read-only file", prepare: readOnlyDatabase, wantInErr: []string{"cannot open", "for writing"}},
		{name: "full disk, existing database", prepare: func(t *testing.T) string { return fullDisk(t, true) },
			wantInErr: []string{"disk", "is full"}},
		{name: "full disk, new database", prepare: func(t *testing.T) string { return fullDisk(t, false) },
			wantInErr: []string{"disk", "is full"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := tc.prepare(t)
			r := runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + db}}, "/help\n", "console")
			if r.code != exitFail || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q; want exit %d and no reply\nstderr:\n%s", r.code, r.stdout, exitFail, r.stderr)
			}
			for _, s := range tc.wantInErr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

// readOnlyDatabase makes a database file that cannot be written in a writable folder. The
// superuser writes through file modes, so as root the file is also made immutable.
func readOnlyDatabase(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "ro.db")
	st, err := storage.Open(context.Background(), db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", db).CombinedOutput(); err != nil {
			t.Skipf("running as root and cannot make the file immutable: %v %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("chattr", "-i", db).Run() })
	}
	return db
}

// fullDisk returns a database path on a small file system that is full; with existing,
// the database is created before the disk fills. It needs the right to mount (root).
func fullDisk(t *testing.T, existing bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("cannot mount a small file system to fill: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	db := filepath.Join(dir, "cyberdiplo.db")
	if existing {
		st, err := storage.Open(context.Background(), db, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			break
		}
	}
	return db
}
