mod cases;
mod robustness;
mod seed;
mod throughput;
