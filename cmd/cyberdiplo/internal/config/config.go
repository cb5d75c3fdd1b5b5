// Package config reads cyberdiplo's configuration: a TOML file, then environment
// variables CYBERDIPLO_<SECTION>_<KEY> that win over it. The environment mapping is
// derived from the toml tags by reflection, so a field an adapter adds to its Config
// is configurable from the environment without any change here.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/adapters/web"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/internal/secret"
)

// EnvPrefix starts every configuration environment variable.
const EnvPrefix = "CYBERDIPLO_"

// DefaultFile is read when no --config is given and the file exists.
const DefaultFile = "config.toml"

// Config is the whole configuration file.
type Config struct {
	Bot       Bot             `toml:"bot"`
	Log       Log             `toml:"log"`
	Knowledge Knowledge       `toml:"knowledge"`
	Storage   Storage         `toml:"storage"`
	Ops       Ops             `toml:"ops"`
	Limit     limit.Config    `toml:"limit"`
	Telegram  telegram.Config `toml:"telegram"`
	Discord   discord.Config  `toml:"discord"`
	Web       web.Config      `toml:"web"`
}

// Bot is the [bot] section: how the brain talks.
type Bot struct {
	// Name is the bot's handle shown in help texts ("@cyberdiplo_bot").
	Name string `toml:"name"`
	// ReportURL is where /about sends users who found a wrong fact.
	ReportURL string `toml:"report_url"`
	// MaxQuestionRunes caps the length of a question; longer ones get a polite note.
	MaxQuestionRunes int `toml:"max_question_runes"`
	// Operators may run /reload in a private chat with the bot, as "platform:user id"
	// ("telegram:123456789", "discord:80351110224678912"); the console's user always may.
	Operators []string `toml:"operators"`
}

// Log is the [log] section.
type Log struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // text or json
}

// Knowledge is the [knowledge] section.
type Knowledge struct {
	// ExtraDirs are directories of additional fact files loaded after the embedded
	// base; their ids must not clash with embedded ones.
	ExtraDirs []string `toml:"extra_dirs"`
	// ReloadInterval is how often the extra directories are checked for changed fact
	// files, which are then reloaded; 0 disables the check (SIGHUP and /reload remain).
	ReloadInterval time.Duration `toml:"reload_interval"`
}

// Storage is the [storage] section.
type Storage struct {
	// Path is the SQLite database file for chat state. Empty means the default,
	// cyberdiplo/cyberdiplo.db under the user's data directory; ":memory:" keeps the
	// state in memory only (nothing written, all forgotten at exit).
	Path string `toml:"path"`
	// Driver is the database engine: "sqlite" (the default, the file at Path) or
	// "postgres" (the server at DSN, shared by several replicas of the bot).
	Driver string `toml:"driver"`
	// DSN is the PostgreSQL connection string (postgres://user:password@host/db or
	// key=value form) when Driver is "postgres"; it is never repeated in errors or logs.
	DSN string `toml:"dsn"`
	// MaxConns bounds each process's PostgreSQL connection pool; 0 means the store's
	// default (10).
	MaxConns int32 `toml:"max_conns"`
	// TakeoverAfter is how long a replica may go silent before the others take over the
	// updates it held; 0 means the store's default (30s).
	TakeoverAfter time.Duration `toml:"takeover_after"`
}

// Storage drivers.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// EffectiveDriver is Driver with its default applied and case folded.
func (s Storage) EffectiveDriver() string {
	if d := strings.ToLower(strings.TrimSpace(s.Driver)); d != "" {
		return d
	}
	return DriverSQLite
}

// Ops is the [ops] section.
type Ops struct {
	// Listen is the address of the operations HTTP endpoint (/healthz, /readyz,
	// /metrics), e.g. "127.0.0.1:9090"; empty disables it.
	Listen string `toml:"listen"`
}

// DefaultReloadInterval is how often fact packs are checked for changes by default.
const DefaultReloadInterval = 5 * time.Second

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Bot:       Bot{MaxQuestionRunes: 500},
		Log:       Log{Level: "info", Format: "text"},
		Knowledge: Knowledge{ReloadInterval: DefaultReloadInterval},
	}
}

// Load reads the configuration. path is the --config value: when empty, ./config.toml
// is read if it exists. environ is os.Environ() (injected for tests). The returned
// source names the file read, or is empty.
func Load(path string, environ []string) (cfg Config, source string, err error) {
	cfg = Default()
	explicit := path != ""
	if !explicit {
		path = DefaultFile
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		source = path
		if err := decode(string(data), &cfg); err != nil {
			return cfg, source, fmt.Errorf("config file %s: %w", path, err)
		}
	case explicit || !errors.Is(err, fs.ErrNotExist):
		return cfg, "", fmt.Errorf("config file: %w", err)
	}
	if err := applyEnv(&cfg, environ); err != nil {
		return cfg, source, err
	}
	if err := cfg.check(); err != nil {
		return cfg, source, err
	}
	return cfg, source, nil
}

func decode(data string, cfg *Config) error {
	// Durations are checked on the file's own types first: decoding a bare number into a
	// duration succeeds (as nanoseconds) or fails with a message about Go types.
	var raw map[string]any
	if rawMD, err := toml.Decode(data, &raw); err == nil {
		if err := checkDurations(rawMD, envFields(cfg)); err != nil {
			return err
		}
	}
	md, err := toml.Decode(data, cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return fmt.Errorf("line %d: %s", perr.Position.Line, perr.Message)
		}
		return err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return fmt.Errorf("unknown key(s): %s", strings.Join(keys, ", "))
	}
	return nil
}

// checkDurations refuses a bare number for a duration key: TOML reads it as nanoseconds, so
// request_timeout = 30 would be 30ns, a bot that starts and never connects.
func checkDurations(md toml.MetaData, fields []envField) error {
	var errs []error
	for _, f := range fields {
		if f.value.Type() != durationType {
			continue
		}
		path := strings.Split(f.key, ".")
		if !md.IsDefined(path...) {
			continue
		}
		if typ := md.Type(path...); typ == "Integer" || typ == "Float" {
			errs = append(errs, fmt.Errorf("%s: a bare number is not a duration; write it with a unit in quotes, like \"30s\" or \"1m30s\" (\"0s\" for none)", f.key))
		}
	}
	return errors.Join(errs...)
}

// check validates the sections this package owns; adapters check their own in New.
func (c *Config) check() error {
	// The order of the checks is the order the errors are listed in.
	var errs []error
	errs = append(errs, c.checkLog()...)
	errs = append(errs, c.checkBot()...)
	errs = append(errs, c.checkKnowledge()...)
	errs = append(errs, c.checkOperators()...)
	errs = append(errs, c.checkStorage()...)
	if err := c.Web.Check(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (c *Config) checkLog() []error {
	var errs []error
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "warning", "error":
	default:
		errs = append(errs, fmt.Errorf("log.level %s: want debug, info, warn or error", secret.Quote(c.Log.Level)))
	}
	switch strings.ToLower(c.Log.Format) {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("log.format %s: want text or json", secret.Quote(c.Log.Format)))
	}
	return errs
}

func (c *Config) checkBot() []error {
	var errs []error
	if c.Bot.MaxQuestionRunes < 0 || c.Bot.MaxQuestionRunes > 4000 {
		errs = append(errs, fmt.Errorf("bot.max_question_runes %d: want 0 (default) to 4000", c.Bot.MaxQuestionRunes))
	}
	if c.Bot.ReportURL != "" {
		if u, err := url.Parse(c.Bot.ReportURL); err != nil || u.Scheme != "https" || u.Host == "" {
			errs = append(errs, fmt.Errorf("bot.report_url %s: want an https URL", secret.Quote(c.Bot.ReportURL)))
		}
	}
	return errs
}

func (c *Config) checkKnowledge() []error {
	var errs []error
	for i, d := range c.Knowledge.ExtraDirs {
		if strings.TrimSpace(d) == "" {
			errs = append(errs, fmt.Errorf("knowledge.extra_dirs[%d] is empty", i))
		}
	}
	if c.Knowledge.ReloadInterval < 0 || c.Knowledge.ReloadInterval > 0 && c.Knowledge.ReloadInterval < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("knowledge.reload_interval %s: want 0 (off) or at least 100ms", c.Knowledge.ReloadInterval))
	}
	return errs
}

func (c *Config) checkOperators() []error {
	var errs []error
	for i, op := range c.Bot.Operators {
		if platform, id, ok := strings.Cut(op, ":"); !ok || strings.TrimSpace(platform) == "" || strings.TrimSpace(id) == "" {
			errs = append(errs, fmt.Errorf("bot.operators[%d] %s: want \"platform:user id\", e.g. \"telegram:123456789\"", i, secret.Quote(op)))
		}
	}
	return errs
}

func (c *Config) checkStorage() []error {
	var errs []error
	switch c.Storage.EffectiveDriver() {
	case DriverSQLite:
		if strings.TrimSpace(c.Storage.DSN) != "" {
			errs = append(errs, errors.New("storage.dsn is set but storage.driver is sqlite; set storage.driver = \"postgres\" to use it"))
		}
	case DriverPostgres:
		if strings.TrimSpace(c.Storage.DSN) == "" {
			errs = append(errs, fmt.Errorf("storage.driver is postgres but storage.dsn is empty; set it or %sSTORAGE_DSN", EnvPrefix))
		}
	default:
		errs = append(errs, fmt.Errorf("storage.driver %s: want sqlite or postgres", secret.Quote(c.Storage.Driver)))
	}
	if c.Storage.MaxConns < 0 || c.Storage.MaxConns > 1000 {
		errs = append(errs, fmt.Errorf("storage.max_conns %d: want 0 (default) to 1000", c.Storage.MaxConns))
	}
	if c.Storage.TakeoverAfter < 0 || c.Storage.TakeoverAfter > 0 && c.Storage.TakeoverAfter < time.Second {
		errs = append(errs, fmt.Errorf("storage.takeover_after %s: want 0 (default) or at least 1s", c.Storage.TakeoverAfter))
	}
	return errs
}

// envField is one configuration key reachable from the environment.
type envField struct {
	name  string // CYBERDIPLO_TELEGRAM_TOKEN
	key   string // telegram.token
	value reflect.Value
}

// envFields lists every settable key of cfg by walking the toml tags.
func envFields(cfg *Config) []envField { return envFieldsOf(reflect.ValueOf(cfg).Elem()) }

// envFieldsOf walks a struct value whose toml-tagged fields are sections.
func envFieldsOf(root reflect.Value) []envField {
	var out []envField
	var walk func(v reflect.Value, names, keys []string)
	walk = func(v reflect.Value, names, keys []string) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
			if !sf.IsExported() || tag == "-" || tag == "" {
				continue
			}
			fv := v.Field(i)
			n := append(append([]string(nil), names...), strings.ToUpper(tag))
			k := append(append([]string(nil), keys...), tag)
			if fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeOf(time.Time{}) {
				walk(fv, n, k)
				continue
			}
			out = append(out, envField{name: EnvPrefix + strings.Join(n, "_"), key: strings.Join(k, "."), value: fv})
		}
	}
	walk(root, nil, nil)
	return out
}

// EnvNames lists every environment variable the configuration understands, sorted.
func EnvNames() []string {
	var cfg Config
	var names []string
	for _, f := range envFields(&cfg) {
		names = append(names, f.name)
	}
	sort.Strings(names)
	return names
}

// applyEnv sets every key named by a CYBERDIPLO_* variable; an unknown variable or a
// value that does not parse is an error.
func applyEnv(cfg *Config, environ []string) error { return applyEnvTo(envFields(cfg), environ) }

func applyEnvTo(known []envField, environ []string) error {
	fields := map[string]envField{}
	for _, f := range known {
		fields[f.name] = f
	}
	var errs []error
	vars := append([]string(nil), environ...)
	sort.Strings(vars) // report problems in a stable order
	for _, kv := range vars {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		f, found := fields[name]
		if !found {
			errs = append(errs, fmt.Errorf("environment: unknown variable %s%s", name, nearestHint(name, fields)))
			continue
		}
		if err := setValue(f.value, val); err != nil {
			shown := secret.Quote(val)
			if sensitive(f.key) {
				shown = "(value hidden)"
			}
			errs = append(errs, fmt.Errorf("environment: %s (%s) = %s: %w", name, f.key, shown, err))
		}
	}
	return errors.Join(errs...)
}

// sensitive keys never have their values repeated in errors or logs.
func sensitive(key string) bool {
	k := strings.ToLower(key)
	for _, s := range []string{"token", "secret", "password", "key", "dsn"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

func nearestHint(name string, fields map[string]envField) string {
	best, bestD := "", len(name)
	for n := range fields {
		if d := editDistance(name, n); d < bestD || d == bestD && n < best {
			best, bestD = n, d
		}
	}
	if best != "" && bestD <= 3 {
		return "; did you mean " + best + "?"
	}
	return ""
}

var durationType = reflect.TypeOf(time.Duration(0))

// setValue parses s into v according to v's type.
func setValue(v reflect.Value, s string) error {
	s = strings.TrimSpace(s)
	if v.Type() == durationType {
		if s == "" {
			v.SetInt(0)
			return nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("want a duration with a unit, such as 30s or 1m30s (\"30s\" in the file)")
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		if s == "" {
			v.SetBool(false)
			return nil
		}
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(s, 10, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("want a whole number ≥ 0")
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("want a number")
		}
		v.SetFloat(f)
	case reflect.Slice:
		// Lists are comma-separated: "a, b" or "123,456".
		var items []string
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		list := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			if err := setValue(list.Index(i), it); err != nil {
				return fmt.Errorf("item %d: %w", i+1, err)
			}
		}
		v.Set(list)
	default:
		return fmt.Errorf("cannot be set from the environment (type %s)", v.Type())
	}
	return nil
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// NewLogger builds the slog logger of the [log] section, writing to w.
func NewLogger(c Log, w io.Writer) *slog.Logger {
	var level slog.Level
	switch strings.ToLower(c.Level) {
	case "debug":
		level = slog.LevelDebug
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	default:
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if strings.ToLower(c.Format) == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
