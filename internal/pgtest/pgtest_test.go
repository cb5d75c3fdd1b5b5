package pgtest

import "testing"

func TestWithDatabase(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"postgres://u:p@127.0.0.1:5432/postgres?sslmode=disable", "postgres://u:p@127.0.0.1:5432/t1?sslmode=disable"},
		{"postgresql://u@h/", "postgresql://u@h/t1"},
		{"host=127.0.0.1 dbname=postgres user=u", "host=127.0.0.1 user=u dbname=t1"},
	} {
		if got := withDatabase(t, tc.base, "t1"); got != tc.want {
			t.Errorf("withDatabase(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}
