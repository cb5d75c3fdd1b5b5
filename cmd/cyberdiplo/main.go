// Command cyberdiplo runs the UN cyber diplomacy bot: on Telegram and Discord when
// their tokens are configured, in the terminal otherwise, and offers the CLI tools
// around the fact base (ask, facts check, facts export).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/console"
	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/adapters/web"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // runtime failure, broken fact base, bad configuration
	exitUsage = 2 // bad command line
)

const usage = `cyberdiplo — UN cyber diplomacy Q&A bot (English and Bahasa Indonesia)

Usage:
  cyberdiplo [--config FILE]                 run every configured adapter (Telegram when
                                             telegram.token is set, Discord when discord.token
                                             is set); with none, the console on the embedded facts
  cyberdiplo [--config FILE] console         chat in the terminal; with piped input, one message per line
  cyberdiplo [--config FILE] ask [--json] [--chat] [--lang id|en] [QUESTION]
                                             answer QUESTION, or every line of standard input;
                                             with --chat the lines are one chat's consecutive
                                             messages (follow-ups, quiz answers apply)
  cyberdiplo facts check [DIR]               validate the fact files in DIR (default: the embedded ones)
  cyberdiplo [--config FILE] facts export --json
                                             print the whole fact base as JSON
  cyberdiplo [--config FILE] unanswered [--top N]
                                             the curators' log: most frequent unanswered questions
                                             and /report flags
  cyberdiplo storage copy --from sqlite:PATH --to postgres:DSN
                                             copy a SQLite database's chat state into PostgreSQL
                                             (again: adds nothing); counts rows per table
  cyberdiplo version                         print the version

Configuration: --config FILE, else ./config.toml when present; every key can be set with
CYBERDIPLO_<SECTION>_<KEY> (e.g. CYBERDIPLO_TELEGRAM_TOKEN), which wins over the file.

Chat state (settings, quiz scores, daily facts, the curators' log) is kept in the SQLite
file storage.path, by default cyberdiplo/cyberdiplo.db under the user's data directory
($XDG_DATA_HOME or ~/.local/share); storage.path = ":memory:" keeps it in memory only.
storage.driver = "postgres" with storage.dsn keeps it in PostgreSQL instead, shared by
several replicas of the bot (README "Several replicas behind a reverse proxy").

Fact packs: the *.toml files in knowledge.extra_dirs are validated with the embedded facts
at start, and reloaded while the bot runs when they change, on SIGHUP, or with /reload in
the console; a broken pack is refused with its problems and the previous facts keep answering.

Web companion: web.listen (e.g. 127.0.0.1:8080) serves the read-only web pages (a page per
fact, the timeline chart, topics, glossary, a question box); with it and no platform token the
program serves the web alone. web.base_url adds "read more" links to chat answers;
web.admin_token opens /curators.

Operations: ops.listen (e.g. 127.0.0.1:9090) serves GET /healthz, /readyz and /metrics
while the adapters run; [limit] sets the per-user and per-chat flood limits (README "Operations").
`

// runner is a long-running part of the program (an adapter, the ops endpoint).
type runner interface {
	Name() string
	Run(ctx context.Context) error
}

// app is the program's environment, injected so that tests run commands in-process.
type app struct {
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	environ  []string
	terminal bool // stdin is a terminal: the console is interactive
	// noInput: stdin is /dev/null or closed, as under a service manager. With no platform
	// token the console would read nothing and exit 0 silently, so it is refused instead.
	noInput bool

	// Adapter constructors; tests replace them with fakes.
	newTelegram func(telegram.Config, adapterKit) (Adapter, error)
	newDiscord  func(discord.Config, adapterKit) (Adapter, error)
	// notifyHangup delivers SIGHUP (reload the fact packs); tests send on a channel.
	notifyHangup func() (<-chan os.Signal, func())
	// defaultDatabase is where chat state lives when storage.path is unset
	// (storage.DefaultPath); tests point it into a temporary directory so that they
	// never write to the user's data directory.
	defaultDatabase func() (string, error)
	// busyTimeout is how long opening the database waits for another process's lock;
	// 0 means storage.DefaultBusyTimeout. Tests shorten it.
	busyTimeout time.Duration
}

// memoryStorage as storage.path keeps chat state in memory only: no file is written,
// and settings, scores and the curators' log end with the program.
const memoryStorage = ":memory:"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal starts the clean shutdown, restore the default handling so
	// that a second one ends the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	a := &app{
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		environ:  os.Environ(),
		terminal: isTerminal(os.Stdin),
		noInput:  isNoInput(os.Stdin),
	}
	code := a.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// isTerminal reports whether f is a character device (an interactive terminal) other
// than the null device.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && !isNoInput(f)
}

// isNoInput reports whether f gives no input at all: closed, or the null device (systemd
// and docker -d start services with stdin on /dev/null).
func isNoInput(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return true
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(fi, null)
}

func (a *app) defaults() {
	if a.newTelegram == nil {
		a.newTelegram = newTelegramAdapter
	}
	if a.newDiscord == nil {
		a.newDiscord = newDiscordAdapter
	}
	if a.notifyHangup == nil {
		a.notifyHangup = notifyHangup
	}
	if a.defaultDatabase == nil {
		a.defaultDatabase = storage.DefaultPath
	}
}

// run executes one command line and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	a.defaults()
	fs := flag.NewFlagSet("cyberdiplo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	configPath := fs.String("config", "", "configuration file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, usage)
			return exitOK
		}
		return a.usageError(err.Error())
	}
	rest := fs.Args()
	cmd := ""
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "":
		return a.serve(ctx, *configPath, rest)
	case "console":
		return a.console(ctx, *configPath, rest)
	case "ask":
		return a.ask(ctx, *configPath, rest)
	case "unanswered":
		return a.unanswered(ctx, *configPath, rest)
	case "facts":
		return a.facts(*configPath, rest)
	case "storage":
		return a.storageCmd(ctx, rest)
	case "version":
		return a.version()
	case "help":
		fmt.Fprint(a.stdout, usage)
		return exitOK
	}
	return a.usageError(fmt.Sprintf("unknown command %q", cmd))
}

func (a *app) usageError(msg string) int {
	fmt.Fprintf(a.stderr, "cyberdiplo: %s\n\n%s", msg, usage)
	return exitUsage
}

func (a *app) fail(format string, args ...any) int {
	fmt.Fprintf(a.stderr, "cyberdiplo: "+format+"\n", args...)
	return exitFail
}

func (a *app) version() int {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, dirty string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " (" + rev + dirty + ")"
		}
		fmt.Fprintf(a.stdout, "cyberdiplo %s %s\n", v, info.GoVersion)
		return exitOK
	}
	fmt.Fprintf(a.stdout, "cyberdiplo %s\n", v)
	return exitOK
}

// prepared is what a command starts from: the configuration, the logger, the bot, and
// the database the bot keeps chat state in.
type prepared struct {
	cfg   *config.Config
	log   *slog.Logger
	brain *bot.Bot
	// study is the bot's study feature, which runs the daily fact.
	study *study.Feature
	// metrics counts what the bot does; serve exposes it on the ops endpoint.
	metrics *metrics.Metrics
	// database is where the chat-state database is (a file, or a PostgreSQL server and
	// database without credentials), or memoryStorage.
	database string
	// store is the chat-state database; nil when chat state is in memory.
	store *openedStore
	// limiter is the flood limiter the bot applies; adapters apply it to what bypasses
	// the bot's handler (Telegram's inline queries), and the web's question box uses it.
	limiter *limit.Limiter
	close   func()
}

// setup loads the configuration, the logger, the fact base and the bot; a problem
// with any of them is reported and ends the program before anything starts. With
// persistent, chat state lives in the database at storage.path (by default under the
// user's data directory) and close releases it; otherwise, and with storage.path =
// ":memory:", it lives in memory.
func (a *app) setup(ctx context.Context, configPath string, persistent bool) (*prepared, int) {
	c, source, err := config.Load(configPath, a.environ)
	if err != nil {
		return nil, a.fail("configuration: %v", err)
	}
	log := config.NewLogger(c.Log, a.stderr)
	if source != "" {
		log.Debug("configuration read", "file", source)
	}
	lib, err := openLibrary(c.Knowledge.ExtraDirs, log)
	if err != nil {
		return nil, a.fail("%v", err)
	}
	// One set of metrics per process; the bot's handling is counted and the flood
	// limiter sits in front of it (the console's one local user is never limited).
	m := metrics.New(metrics.Options{})
	limiter, err := limit.New(c.Limit, limit.Options{Counter: m, ExemptPlatforms: []string{console.Platform, bot.CLIPlatform}})
	if err != nil {
		return nil, a.fail("configuration: %v", err)
	}
	opts := bot.Options{
		BotName:          c.Bot.Name,
		Logger:           log,
		MaxQuestionRunes: c.Bot.MaxQuestionRunes,
		ReportURL:        c.Bot.ReportURL,
		// Metrics outermost, so that the limiter's notices and silences are counted too.
		// ReadMore innermost of these: it links answers to the web companion's pages.
		Middlewares:  []bot.Middleware{m.Middleware, limiter.Middleware, web.ReadMore(c.Web.BaseURL)},
		ObserveMatch: m.ObserveMatch,
	}
	for _, op := range c.Bot.Operators {
		opts.Operators = append(opts.Operators, strings.TrimSpace(op))
	}
	su := &prepared{cfg: &c, log: log, metrics: m, limiter: limiter, database: memoryStorage, close: func() {}}
	if persistent {
		st, err := a.openStore(ctx, &c, storeOptions{log: log, metrics: m})
		if err != nil {
			return nil, a.fail("%v", err)
		}
		if st != nil {
			log.Debug("chat state stored", "where", st.Where())
			opts.Store = st
			su.database = st.Where()
			su.store = st
			su.close = func() {
				if err := st.Close(); err != nil {
					log.Error("closing the database", "where", st.Where(), "err", err)
				}
			}
		}
	}
	su.study = study.New(study.Options{})
	su.brain = bot.NewWithLibrary(lib, standard.Options(opts, su.study))
	// The flood notice speaks the chat's /lang choice; the limiter asks only when it has one to send.
	limiter.UseChatLang(su.brain.ChatLang)
	return su, exitOK
}

// databasePath is the chat-state database file: storage.path, or the default under
// the user's data directory when it is unset; "" when storage.path is ":memory:".
func (a *app) databasePath(c *config.Config) (string, error) {
	switch c.Storage.Path {
	case memoryStorage:
		return "", nil
	case "":
		p, err := a.defaultDatabase()
		if err != nil {
			return "", fmt.Errorf("%w; set storage.path to a file, or to %q to keep chat state in memory", err, memoryStorage)
		}
		return p, nil
	}
	return c.Storage.Path, nil
}

// localeHint reads the terminal user's language from the usual variables.
func localeHint(environ []string) string {
	return firstEnv(environ, "LC_ALL", "LC_MESSAGES", "LANG")
}

// userName is the terminal user's login name, shown on the console chat's leaderboard;
// "console" when the environment names nobody.
func userName(environ []string) string {
	if n := firstEnv(environ, "USER", "LOGNAME", "USERNAME"); n != "" {
		return n
	}
	return "console"
}

// firstEnv returns the value of the first of keys that is set and not empty.
func firstEnv(environ []string, keys ...string) string {
	vals := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vals[k] = v
		}
	}
	for _, k := range keys {
		if v := vals[k]; v != "" {
			return v
		}
	}
	return ""
}
