package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAskAnswersEveryLineHoweverLong: a line of 1 MiB or more does not abort the batch;
// every line gets its JSON object, in order, and the exit is 0.
func TestAskAnswersEveryLineHoweverLong(t *testing.T) {
	for _, size := range []int{1 << 20, 3<<20 + 17} {
		long := strings.Repeat("cyber norms ", size/12+1)
		stdin := "What is the OEWG?\n" + long + "\nWhat did the 2015 GGE report say?" // the last line has no newline
		r := cli(t, stdin, "ask", "--json")
		if r.code != exitOK {
			t.Fatalf("%d-byte line: exit %d: %s", len(long), r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d-byte line: %d output lines for 3 input lines:\n%.500s", len(long), len(lines), r.stdout)
		}
		for i, l := range lines {
			var res askResult
			if err := json.Unmarshal([]byte(l), &res); err != nil || res.Text == "" {
				t.Errorf("line %d is not an answer (%v): %.200s", i+1, err, l)
			}
		}
		if !strings.Contains(lines[2], "2015") {
			t.Errorf("the line after the long one was not answered in order: %.300s", lines[2])
		}
	}
}
