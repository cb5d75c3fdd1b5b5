package config

import (
	"strings"
	"testing"
	"time"
)

func TestReloadSettings(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		env       []string
		interval  time.Duration
		operators []string
		err       string
	}{
		{name: "default interval", interval: 5 * time.Second},
		{name: "interval from the file", file: "[knowledge]\nreload_interval = \"30s\"\n", interval: 30 * time.Second},
		{name: "zero turns polling off", env: []string{"CYBERDIPLO_KNOWLEDGE_RELOAD_INTERVAL=0s"}, interval: 0},
		{name: "negative interval", file: "[knowledge]\nreload_interval = \"-5s\"\n", err: "knowledge.reload_interval"},
		{name: "too frequent", file: "[knowledge]\nreload_interval = \"1ms\"\n", err: "at least 100ms"},
		{name: "not a duration", env: []string{"CYBERDIPLO_KNOWLEDGE_RELOAD_INTERVAL=soon"}, err: "duration"},
		{name: "operators from the environment", env: []string{"CYBERDIPLO_BOT_OPERATORS=telegram:123, discord:456"},
			interval: 5 * time.Second, operators: []string{"telegram:123", "discord:456"}},
		{name: "operator without platform", file: "[bot]\noperators = [\"123456\"]\n", err: "bot.operators[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			cfg, _, err := Load(path, tc.env)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v, want one naming %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Knowledge.ReloadInterval != tc.interval {
				t.Errorf("reload_interval = %v, want %v", cfg.Knowledge.ReloadInterval, tc.interval)
			}
			if strings.Join(cfg.Bot.Operators, ",") != strings.Join(tc.operators, ",") {
				t.Errorf("operators = %q, want %q", cfg.Bot.Operators, tc.operators)
			}
		})
	}
}
