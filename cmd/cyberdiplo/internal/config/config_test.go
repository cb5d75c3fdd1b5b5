package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFileAndEnvironment(t *testing.T) {
	file := writeFile(t, `
[bot]
name = "@cyberdiplo_bot"
[log]
level = "debug"
format = "json"
[knowledge]
extra_dirs = ["/srv/facts"]
[storage]
path = "/var/lib/cyberdiplo/state.db"
[telegram]
token = "from-file"
[discord]
token = "discord-file"
`)
	cfg, source, err := Load(file, []string{
		"CYBERDIPLO_TELEGRAM_TOKEN=from-env",
		"CYBERDIPLO_STORAGE_PATH=/tmp/x.db",
		"CYBERDIPLO_OPS_LISTEN=127.0.0.1:9090",
		"CYBERDIPLO_KNOWLEDGE_EXTRA_DIRS=/a, /b",
		"HOME=/root", // other variables are none of our business
	})
	if err != nil {
		t.Fatal(err)
	}
	if source != file {
		t.Errorf("source = %q", source)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"env wins over file", cfg.Telegram.Token, "from-env"},
		{"file value kept", cfg.Discord.Token, "discord-file"},
		{"storage from env", cfg.Storage.Path, "/tmp/x.db"},
		{"ops from env", cfg.Ops.Listen, "127.0.0.1:9090"},
		{"list from env", cfg.Knowledge.ExtraDirs, []string{"/a", "/b"}},
		{"log level", cfg.Log.Level, "debug"},
		{"default kept", cfg.Bot.MaxQuestionRunes, 500},
		{"bot name", cfg.Bot.Name, "@cyberdiplo_bot"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestDefaultFileIsOptional(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cfg, source, err := Load("", nil)
	if err != nil || source != "" || cfg.Log.Level != "info" {
		t.Fatalf("no config.toml: %+v %q %v", cfg.Log, source, err)
	}
	if err := os.WriteFile(DefaultFile, []byte("[log]\nlevel = \"warn\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, source, err = Load("", nil)
	if err != nil || source != DefaultFile || cfg.Log.Level != "warn" {
		t.Fatalf("with ./config.toml: %+v %q %v", cfg.Log, source, err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string // "" means no --config
		path    string // overrides the file path
		env     []string
		want    []string
		notWant []string
	}{
		{name: "missing explicit file", path: "/nonexistent/cyberdiplo.toml", want: []string{"config file", "no such file"}},
		{name: "unknown key", file: "[telegram]\ntokn = \"x\"\n", want: []string{"unknown key(s): telegram.tokn"}},
		{name: "unknown section", file: "[slack]\ntoken = \"x\"\n", want: []string{"unknown key(s): slack"}},
		{name: "syntax error with line", file: "[log]\nlevel = \n", want: []string{"line 2"}},
		{name: "wrong type in file", file: "[bot]\nmax_question_runes = \"many\"\n", want: []string{"max_question_runes"}},
		{name: "bad log level", file: "[log]\nlevel = \"loud\"\n", want: []string{`log.level "loud"`}},
		{name: "bad log format", env: []string{"CYBERDIPLO_LOG_FORMAT=xml"}, want: []string{`log.format "xml"`}},
		{name: "bad report url", env: []string{"CYBERDIPLO_BOT_REPORT_URL=http://example.org"}, want: []string{"bot.report_url"}},
		{name: "unknown env variable with hint", env: []string{"CYBERDIPLO_TELEGRAM_TOKN=x"}, want: []string{"unknown variable CYBERDIPLO_TELEGRAM_TOKN", "did you mean CYBERDIPLO_TELEGRAM_TOKEN"}},
		{name: "bad int from env", env: []string{"CYBERDIPLO_BOT_MAX_QUESTION_RUNES=lots"}, want: []string{"CYBERDIPLO_BOT_MAX_QUESTION_RUNES (bot.max_question_runes)", `"lots"`, "whole number"}},
		{name: "bare number duration from env", env: []string{"CYBERDIPLO_TELEGRAM_REQUEST_TIMEOUT=30"}, want: []string{"telegram.request_timeout", "30s"}},
		{name: "every problem reported", env: []string{"CYBERDIPLO_LOG_LEVELL=x", "CYBERDIPLO_BOT_MAX_QUESTION_RUNES=x"}, want: []string{"CYBERDIPLO_LOG_LEVELL", "CYBERDIPLO_BOT_MAX_QUESTION_RUNES"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if tc.file != "" {
				path = writeFile(t, tc.file)
			}
			if path == "" {
				path = writeFile(t, "")
			}
			_, _, err := Load(path, tc.env)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// sample has every field type adapters use, to prove the environment mapping is generic.
type sample struct {
	Section struct {
		S     string        `toml:"s"`
		B     bool          `toml:"b"`
		I     int           `toml:"i"`
		I64   int64         `toml:"i64"`
		F     float64       `toml:"f"`
		D     time.Duration `toml:"d"`
		SS    []string      `toml:"ss"`
		II    []int64       `toml:"ii"`
		IS    []int         `toml:"is"`
		Inner struct {
			Deep string `toml:"deep"`
		} `toml:"inner"`
		Skipped string `toml:"-"`
	} `toml:"section"`
}

func TestSetValueEveryType(t *testing.T) {
	var s sample
	v := reflect.ValueOf(&s.Section).Elem()
	set := map[string]string{"S": " hi ", "B": "true", "I": "42", "I64": "-9007199254740993", "F": "0.5", "D": "1m30s", "SS": "a, b,,c", "II": "1,-2", "IS": "7"}
	for field, val := range set {
		if err := setValue(v.FieldByName(field), val); err != nil {
			t.Errorf("%s=%q: %v", field, val, err)
		}
	}
	want := sample{}
	want.Section.S, want.Section.B, want.Section.I, want.Section.I64 = "hi", true, 42, -9007199254740993
	want.Section.F, want.Section.D = 0.5, 90*time.Second
	want.Section.SS, want.Section.II, want.Section.IS = []string{"a", "b", "c"}, []int64{1, -2}, []int{7}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
	bad := map[string]string{"B": "yes please", "I": "1.5", "F": "half", "D": "30", "II": "1,x"}
	for field, val := range bad {
		if err := setValue(v.FieldByName(field), val); err == nil {
			t.Errorf("%s=%q accepted", field, val)
		}
	}
}

func TestEnvNamesFollowTomlTags(t *testing.T) {
	names := strings.Join(EnvNames(), " ")
	for _, want := range []string{"CYBERDIPLO_TELEGRAM_TOKEN", "CYBERDIPLO_DISCORD_TOKEN", "CYBERDIPLO_STORAGE_PATH", "CYBERDIPLO_LOG_LEVEL",
		"CYBERDIPLO_KNOWLEDGE_EXTRA_DIRS", "CYBERDIPLO_OPS_LISTEN", "CYBERDIPLO_BOT_MAX_QUESTION_RUNES"} {
		if !strings.Contains(names, want) {
			t.Errorf("%s missing from %s", want, names)
		}
	}
	var s sample
	var got []string
	walkNames := func() {
		for _, f := range envFieldsOf(reflect.ValueOf(&s).Elem()) {
			got = append(got, f.name)
		}
	}
	walkNames()
	want := []string{"CYBERDIPLO_SECTION_S", "CYBERDIPLO_SECTION_INNER_DEEP"}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, " "), w) {
			t.Errorf("%s missing from %v", w, got)
		}
	}
	if strings.Contains(strings.Join(got, " "), "SKIPPED") {
		t.Error(`a toml:"-" field is configurable`)
	}
}

func TestSecretValuesNotEchoed(t *testing.T) {
	var s struct {
		X struct {
			Token   int `toml:"token"`
			Retries int `toml:"retries"`
		} `toml:"x"`
	}
	fields := envFieldsOf(reflect.ValueOf(&s).Elem())
	err := applyEnvTo(fields, []string{"CYBERDIPLO_X_TOKEN=supersecret123", "CYBERDIPLO_X_RETRIES=many"})
	if err == nil || strings.Contains(err.Error(), "supersecret123") || !strings.Contains(err.Error(), `"many"`) {
		t.Errorf("error = %v", err)
	}
}

// TestExampleFileLoads keeps config.example.toml in step with the configuration structs.
func TestExampleFileLoads(t *testing.T) {
	cfg, _, err := Load("../../../../config.example.toml", nil)
	if err != nil {
		t.Fatalf("config.example.toml: %v", err)
	}
	if cfg.Telegram.Token != "" || cfg.Discord.Token != "" {
		t.Error("the example file must not set a token")
	}
}

// TestBareNumberDurationsRefused: every duration key in the file refuses a bare number
// (which TOML would read as nanoseconds) with the form it wants; a string with a unit loads.
func TestBareNumberDurationsRefused(t *testing.T) {
	var cfg Config
	var keys []string
	for _, f := range envFields(&cfg) {
		if f.value.Type() == durationType {
			keys = append(keys, f.key)
		}
	}
	if len(keys) < 5 {
		t.Fatalf("only %d duration keys found: %v", len(keys), keys)
	}
	for _, key := range keys {
		section, name, _ := strings.Cut(key, ".")
		for _, tc := range []struct {
			value string
			ok    bool
		}{{"30", false}, {"0", false}, {"1.5", false}, {`"30s"`, true}} {
			t.Run(key+"="+tc.value, func(t *testing.T) {
				body := "[" + section + "]\n" + name + " = " + tc.value + "\n"
				if section == "telegram" || section == "discord" {
					body += "token = \"123456:abc\"\n"
				}
				_, _, err := Load(writeFile(t, body), nil)
				if tc.ok {
					if err != nil {
						t.Fatalf("%s: %v", body, err)
					}
					return
				}
				if err == nil {
					t.Fatalf("%s loaded", body)
				}
				for _, w := range []string{key, `"30s"`} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
			})
		}
	}
}

// TestTokenLikeValuesNotEchoed: a token pasted into a setting that is not a secret is not
// repeated in the error about it.
func TestTokenLikeValuesNotEchoed(t *testing.T) {
	const tok = "987654321:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
	for _, tc := range []struct {
		name, file string
		env        []string
		want       string
	}{
		{name: "number from env", env: []string{"CYBERDIPLO_TELEGRAM_MAX_RETRIES=" + tok}, want: "telegram.max_retries"},
		{name: "duration from env", env: []string{"CYBERDIPLO_TELEGRAM_REQUEST_TIMEOUT=" + tok}, want: "telegram.request_timeout"},
		{name: "report url", file: "[bot]\nreport_url = \"" + tok + "\"\n", want: "bot.report_url"},
		{name: "log level", env: []string{"CYBERDIPLO_LOG_LEVEL=" + tok}, want: "log.level"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Load(writeFile(t, tc.file), tc.env)
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), "AAHfiqksKZ8WmR2zSjiQ7") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q: want it to name %s and not echo the token", err, tc.want)
			}
		})
	}
}

func TestStorageKeys(t *testing.T) {
	const dsn = "postgres://bot:s3cret-pw@db.example:5432/cyberdiplo"
	cases := []struct {
		name    string
		file    string
		env     []string
		driver  string
		wantErr string // substring; "" means no error
	}{
		{name: "sqlite is the default", driver: DriverSQLite},
		{name: "postgres from the file", file: "[storage]\ndriver = \"postgres\"\ndsn = \"" + dsn + "\"\nmax_conns = 20\ntakeover_after = \"10s\"\n", driver: DriverPostgres},
		{name: "postgres from the environment", env: []string{"CYBERDIPLO_STORAGE_DRIVER=postgres", "CYBERDIPLO_STORAGE_DSN=" + dsn, "CYBERDIPLO_STORAGE_MAX_CONNS=20"}, driver: DriverPostgres},
		{name: "postgres without a dsn", env: []string{"CYBERDIPLO_STORAGE_DRIVER=postgres"}, wantErr: "storage.dsn is empty"},
		{name: "dsn without the driver", env: []string{"CYBERDIPLO_STORAGE_DSN=" + dsn}, wantErr: "storage.driver is sqlite"},
		{name: "unknown driver", env: []string{"CYBERDIPLO_STORAGE_DRIVER=mysql"}, wantErr: "want sqlite or postgres"},
		{name: "bad pool size", env: []string{"CYBERDIPLO_STORAGE_DRIVER=postgres", "CYBERDIPLO_STORAGE_DSN=" + dsn, "CYBERDIPLO_STORAGE_MAX_CONNS=many"}, wantErr: "whole number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := ""
			if c.file != "" {
				path = writeFile(t, c.file)
			} else {
				t.Chdir(t.TempDir())
			}
			cfg, _, err := Load(path, c.env)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, c.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret-pw") {
					t.Errorf("the error repeats the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Storage.EffectiveDriver(); got != c.driver {
				t.Errorf("driver = %q, want %q", got, c.driver)
			}
			if c.driver == DriverPostgres && (cfg.Storage.DSN != dsn || cfg.Storage.MaxConns != 20) {
				t.Errorf("storage = %+v", cfg.Storage)
			}
		})
	}
}
