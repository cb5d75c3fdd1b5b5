// Package fakecluster stands, in adapter tests, for the database several replicas
// share: one inbox with the semantics of the PostgreSQL store (an update held by a live
// replica is never yielded as pending; one held by a dead replica is claimed by whoever
// sweeps) and one lease table, plus a transport that cuts a killed replica off the
// network. The Telegram and Discord replica tests run against this one model.
package fakecluster

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"sync"
	"time"
)

// ErrDead is what a killed replica's every database call fails with.
var ErrDead = errors.New("replica is dead")

// Row is one update in the inbox.
type Row struct {
	Owner    string
	Payload  []byte
	Received time.Time
	Finished bool
}

type lease struct {
	owner  string
	cancel context.CancelFunc
}

// Cluster is the shared database; New makes an empty one.
type Cluster struct {
	mu      sync.Mutex
	changed chan struct{} // closed and replaced at every change, for Lead's waiters
	rows    map[string]map[int64]*Row
	dead    map[string]bool
	leases  map[string]lease
}

// New is an empty cluster.
func New() *Cluster {
	return &Cluster{changed: make(chan struct{}), rows: map[string]map[int64]*Row{},
		dead: map[string]bool{}, leases: map[string]lease{}}
}

func (c *Cluster) notifyLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// Kill makes replica name stop existing for the database: its leases are lost, its held
// updates are claimable, and whatever it still tries fails.
func (c *Cluster) Kill(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dead[name] = true
	for k, l := range c.leases {
		if l.owner == name {
			l.cancel()
			delete(c.leases, k)
		}
	}
	c.notifyLocked()
}

// Row is the inbox row of an update, if there is one.
func (c *Cluster) Row(platform string, id int64) (Row, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.rows[platform][id]
	if r == nil {
		return Row{}, false
	}
	return *r, true
}

// FinishedCount is how many updates of platform are finished.
func (c *Cluster) FinishedCount(platform string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, row := range c.rows[platform] {
		if row.Finished {
			n++
		}
	}
	return n
}

// Holds reports whether replica holds an unfinished update of platform.
func (c *Cluster) Holds(replica, platform string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, row := range c.rows[platform] {
		if row.Owner == replica && !row.Finished {
			return true
		}
	}
	return false
}

// LeaseHolder is the replica holding the lease called name ("" when free).
func (c *Cluster) LeaseHolder(name string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.leases[name].owner
}

// Replica is one process's connection to the cluster: the adapters' inbox and leader.
type Replica struct {
	c    *Cluster
	name string
}

// Replica connects a process called name.
func (c *Cluster) Replica(name string) Replica { return Replica{c: c, name: name} }

// Lead waits until the lease called name is free, then holds it until release, ctx's
// end before that, or Kill.
func (r Replica) Lead(ctx context.Context, name string) (context.Context, func(), error) {
	for {
		r.c.mu.Lock()
		if r.c.dead[r.name] {
			r.c.mu.Unlock()
			return nil, nil, ErrDead
		}
		if _, taken := r.c.leases[name]; !taken {
			held, cancel := context.WithCancel(context.Background())
			r.c.leases[name] = lease{owner: r.name, cancel: cancel}
			r.c.notifyLocked()
			r.c.mu.Unlock()
			return held, func() {
				r.c.mu.Lock()
				defer r.c.mu.Unlock()
				if l, ok := r.c.leases[name]; ok && l.owner == r.name {
					l.cancel()
					delete(r.c.leases, name)
					r.c.notifyLocked()
				}
			}, nil
		}
		ch := r.c.changed
		r.c.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
}

// platformRows is platform's rows, made on first use; the caller holds the lock.
func (r Replica) platformRows(platform string) map[int64]*Row {
	rows := r.c.rows[platform]
	if rows == nil {
		rows = map[int64]*Row{}
		r.c.rows[platform] = rows
	}
	return rows
}

// HoldUpdate keeps an update held by this replica; false when it is already there.
func (r Replica) HoldUpdate(_ context.Context, platform string, id int64, payload []byte, received time.Time) (bool, error) {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	if r.c.dead[r.name] {
		return false, ErrDead
	}
	rows := r.platformRows(platform)
	if _, ok := rows[id]; ok {
		return false, nil
	}
	rows[id] = &Row{Owner: r.name, Payload: payload, Received: received}
	r.c.notifyLocked()
	return true, nil
}

// FinishUpdate marks an update answered (recording it when it was never held).
func (r Replica) FinishUpdate(_ context.Context, platform string, id int64) error {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	if r.c.dead[r.name] {
		return ErrDead
	}
	rows := r.platformRows(platform)
	if row := rows[id]; row != nil {
		row.Finished = true
	} else {
		rows[id] = &Row{Owner: r.name, Finished: true}
	}
	r.c.notifyLocked()
	return nil
}

// ReleaseUpdate forgets an update this replica holds and has not finished.
func (r Replica) ReleaseUpdate(_ context.Context, platform string, id int64) error {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	if r.c.dead[r.name] {
		return ErrDead
	}
	if row := r.c.rows[platform][id]; row != nil && row.Owner == r.name && !row.Finished {
		delete(r.c.rows[platform], id)
	}
	return nil
}

// PendingUpdates claims the unfinished updates of dead replicas and visits them, oldest
// first, after letting go of the database (visit may call it).
func (r Replica) PendingUpdates(_ context.Context, platform string, visit func(int64, []byte, time.Time) error) error {
	r.c.mu.Lock()
	if r.c.dead[r.name] {
		r.c.mu.Unlock()
		return ErrDead
	}
	type item struct {
		id  int64
		row Row
	}
	var items []item
	for id, row := range r.c.rows[platform] {
		if !row.Finished && r.c.dead[row.Owner] {
			row.Owner = r.name // claimed
			items = append(items, item{id, *row})
		}
	}
	r.c.mu.Unlock()
	sort.Slice(items, func(i, j int) bool { return items[i].id < items[j].id })
	for _, it := range items {
		if err := visit(it.id, it.row.Payload, it.row.Received); err != nil {
			return err
		}
	}
	return nil
}

// KillSwitch is a transport that fails every request once Kill is called, as the
// network does for a process that is gone. Next (nil: http.DefaultTransport) carries
// the requests until then.
type KillSwitch struct {
	Next http.RoundTripper
	mu   sync.Mutex
	dead bool
}

// RoundTrip implements http.RoundTripper.
func (k *KillSwitch) RoundTrip(r *http.Request) (*http.Response, error) {
	k.mu.Lock()
	dead := k.dead
	k.mu.Unlock()
	if dead {
		return nil, ErrDead
	}
	next := k.Next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r)
}

// Kill cuts the replica off.
func (k *KillSwitch) Kill() {
	k.mu.Lock()
	k.dead = true
	k.mu.Unlock()
}
