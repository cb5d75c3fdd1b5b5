package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
)

// defaultUnansweredTop is how many curators' log entries `unanswered` lists by default.
const defaultUnansweredTop = 20

// unanswered lists the curators' log, most frequent first: questions the bot refused
// or was not sure about, and /report flags, so curators know which facts to add next.
// Usage: cyberdiplo [--config FILE] unanswered [--top N]
func (a *app) unanswered(ctx context.Context, configPath string, args []string) int {
	fs := flag.NewFlagSet("unanswered", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	top := fs.Int("top", defaultUnansweredTop, "how many entries to list")
	if err := fs.Parse(args); err != nil {
		return a.usageError("unanswered: " + err.Error())
	}
	if fs.NArg() > 0 || *top <= 0 {
		return a.usageError("unanswered: want [--top N] with N > 0")
	}
	c, _, err := config.Load(configPath, a.environ)
	if err != nil {
		return a.fail("configuration: %v", err)
	}
	if c.Storage.Path == "" {
		return a.fail("unanswered: storage.path is not set; the curators' log is kept in that database")
	}
	st, err := storage.Open(ctx, c.Storage.Path, storage.Options{})
	if err != nil {
		return a.fail("storage.path: %v", err)
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
