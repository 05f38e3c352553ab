globalThis.deviceName = "sensor-7";
globalThis.limits = { low: 3, high: 9 };
