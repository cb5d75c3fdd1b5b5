package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"
	"time"

	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
)

// defaultUnansweredTop is how many curators' log entries `unanswered` lists by default.
const defaultUnansweredTop = 20

// unanswered lists the curators' log, most frequent first: questions the bot refused
// or was not sure about, and /report flags, so curators know which facts to add next.
// Usage: cyberdiplo [--config FILE] unanswered [--top N]
func (a *app) unanswered(ctx context.Context, configPath string, args []string) int {
	flags := flag.NewFlagSet("unanswered", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	top := flags.Int("top", defaultUnansweredTop, "how many entries to list")
	if err := flags.Parse(args); err != nil {
		return a.usageError("unanswered: " + err.Error())
	}
	if flags.NArg() > 0 || *top <= 0 {
		return a.usageError("unanswered: want [--top N] with N > 0")
	}
	c, _, err := config.Load(configPath, a.environ)
	if err != nil {
		return a.fail("configuration: %v", err)
	}
	if c.Storage.EffectiveDriver() == config.DriverSQLite {
		path, err := a.databasePath(&c)
		if err != nil {
			return a.fail("storage.path: %v", err)
		}
		if path == "" {
			return a.fail("unanswered: storage.path is %q, so no curators' log is kept; it lives in the chat-state database", memoryStorage)
		}
		// Listing the log must not create a database where the bot never ran.
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(a.stdout, "The curators' log is empty (no database at %s yet).\n", path)
			return exitOK
		}
	}
	st, err := a.openStore(ctx, &c, storeOptions{log: config.NewLogger(c.Log, a.stderr)})
	if err != nil {
		return a.fail("%v", err)
	}
	defer st.Close()
	entries, err := st.Unanswered(ctx, *top)
	if err != nil {
		return a.fail("unanswered: %v", err)
	}
	if len(entries) == 0 {
		fmt.Fprintln(a.stdout, "The curators' log is empty.")
		return exitOK
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "COUNT\tKIND\tCHAT\tLAST SEEN\tQUESTION")
	for _, e := range entries {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", e.Count, e.Kind, e.ChatKind, e.LastSeen.UTC().Format(time.DateOnly), e.Text)
	}
	if err := w.Flush(); err != nil {
		return a.fail("unanswered: %v", err)
	}
	return exitOK
}
