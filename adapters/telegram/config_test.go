package telegram

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestExampleConfigDocumentsEveryKey keeps the [telegram] section of config.example.toml in
// step with Config: every field is documented there, with a value that decodes.
func TestExampleConfigDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n[telegram]\n")
	if start < 0 {
		t.Fatal("no [telegram] section")
	}
	section := text[start+len("\n[telegram]\n"):]
	if end := strings.Index(section, "\n["); end >= 0 {
		section = section[:end]
	}
	// Uncomment the documented keys ("# key = value   # comment").
	keyLine := regexp.MustCompile(`(?m)^# ([a-z_]+ = .*)$`)
	var doc strings.Builder
	for _, m := range keyLine.FindAllStringSubmatch(section, -1) {
		doc.WriteString(m[1] + "\n")
	}
	var cfg Config
	md, err := toml.Decode(doc.String(), &cfg)
	if err != nil {
		t.Fatalf("documented values do not decode: %v\n%s", err, doc.String())
	}
	if len(md.Undecoded()) > 0 {
		t.Errorf("documented keys that Config lacks: %v", md.Undecoded())
	}
	documented := map[string]bool{}
	for _, k := range md.Keys() {
		documented[k.String()] = true
	}
	ct := reflect.TypeOf(Config{})
	for i := 0; i < ct.NumField(); i++ {
		if key := ct.Field(i).Tag.Get("toml"); !documented[key] {
			t.Errorf("config key %q is not documented in config.example.toml", key)
		}
	}
	// The documented values are the defaults.
	cfg.Token = "t"
	got, err := cfg.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Config{Token: "t"}.withDefaults()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documented values differ from the defaults:\n%+v\n%+v", got, want)
	}
}
