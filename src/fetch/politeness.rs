//! Politeness towards publishers: at most `per_host_concurrency` requests to one host at once,
//! and request starts to one host at least `per_host_delay_ms` apart, whether they fetch feeds,
//! article pages or robots.txt (one limiter inside the one HTTP client).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Hosts remembered before idle ones are forgotten.
const HOSTS_BEFORE_PRUNING: usize = 4096;

struct HostSlot {
    permits: Arc<Semaphore>,
    /// The earliest moment the next request to this host may start.
    next_start: Mutex<Instant>,
}

pub struct HostLimiter {
    per_host: usize,
    delay: Duration,
    hosts: Mutex<HashMap<String, Arc<HostSlot>>>,
}

/// Held while a request to a host runs.
pub struct HostPermit {
    _permit: Option<OwnedSemaphorePermit>,
}

impl HostLimiter {
    pub fn new(per_host: usize, delay: Duration) -> Self {
        HostLimiter {
            per_host: per_host.max(1),
            delay,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a free slot on `host` and for its turn after the previous request's start.
    pub async fn acquire(&self, host: &str) -> HostPermit {
        let slot = self.slot(host);
        // The semaphore is never closed, so this only fails if it were; then go unthrottled.
        let permit = slot.permits.clone().acquire_owned().await.ok();
        let start = match slot.next_start.lock() {
            Ok(mut next) => {
                let start = (*next).max(Instant::now());
                *next = start + self.delay;
                start
            }
            Err(_) => Instant::now(),
        };
        tokio::time::sleep_until(start).await;
        HostPermit { _permit: permit }
    }

    fn slot(&self, host: &str) -> Arc<HostSlot> {
        let Ok(mut hosts) = self.hosts.lock() else {
            return Arc::new(self.new_slot());
        };
        if hosts.len() >= HOSTS_BEFORE_PRUNING && !hosts.contains_key(host) {
            // Forget hosts nobody is waiting on and whose delay has passed.
            let now = Instant::now();
            hosts.retain(|_, slot| {
                Arc::strong_count(slot) > 1 || slot.next_start.lock().is_ok_and(|n| *n > now)
            });
        }
        hosts
            .entry(host.to_string())
            .or_insert_with(|| Arc::new(self.new_slot()))
            .clone()
    }

    fn new_slot(&self) -> HostSlot {
        HostSlot {
            permits: Arc::new(Semaphore::new(self.per_host)),
            next_start: Mutex::new(Instant::now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn requests_to_one_host_are_limited_and_spaced() {
        let limiter = Arc::new(HostLimiter::new(2, Duration::from_millis(200)));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let (limiter, running, most) = (limiter.clone(), running.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let _permit = limiter.acquire("news.example").await;
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let began = Instant::now();
                tokio::time::sleep(Duration::from_millis(50)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                began
            }));
        }
        let mut starts = Vec::new();
        for task in tasks {
            starts.push(task.await.expect("task"));
        }
        starts.sort();
        assert!(most.load(Ordering::SeqCst) <= 2);
        // The k-th start is scheduled k delays after the first; a busy machine can only wake a task
        // later than its slot, never earlier, so this holds however loaded the machine is.
        for (k, start) in starts.iter().enumerate() {
            assert!(
                *start - started + Duration::from_millis(2)
                    >= Duration::from_millis(200 * k as u64),
                "{starts:?}"
            );
        }
        // Another host does not wait for this one's delay.
        let other = Instant::now();
        let _permit = limiter.acquire("other.example").await;
        assert!(other.elapsed() < Duration::from_millis(190));
        assert!(started.elapsed() >= Duration::from_secs(1));
    }
}
