//! A TCP proxy on loopback that a test can cut and restore: a network outage between the
//! daemon and the broker, without restarting the broker (tansu's memory storage would be lost).

use std::net::SocketAddr;

use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct TcpProxy {
    pub port: u16,
    open: watch::Sender<bool>,
}

impl TcpProxy {
    /// Forwards every connection on `port` to `target`.
    pub async fn start(port: u16, target: SocketAddr) -> TcpProxy {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind the proxy");
        let (open, is_open) = watch::channel(true);
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                // Cut: the connection is accepted and dropped at once, as by a failing link.
                if !*is_open.borrow() {
                    continue;
                }
                let mut is_open = is_open.clone();
                tokio::spawn(async move {
                    let Ok(mut upstream) = TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = copy_bidirectional(&mut client, &mut upstream) => {}
                        _ = is_open.wait_for(|open| !open) => {}
                    }
                });
            }
        });
        TcpProxy { port, open }
    }

    /// Closes every connection and refuses new ones until [`TcpProxy::restore`].
    pub fn cut(&self) {
        self.open.send_replace(false);
    }

    pub fn restore(&self) {
        self.open.send_replace(true);
    }
}
