//! The raw imports, declared the way lunatic-rs declares them
//! (`#[link(wasm_import_module = "lunatic::...")]`), with the ABI's exact wasm types.
#![allow(clippy::missing_safety_doc)]

pub mod process {
    #[link(wasm_import_module = "lunatic::process")]
    extern "C" {
        pub fn spawn(
            link: i64,
            config_id: i64,
            module_id: i64,
            func_str_ptr: *const u8,
            func_str_len: usize,
            params_ptr: *const u8,
            params_len: usize,
            id_ptr: *mut u64,
        ) -> u32;
        pub fn get_or_spawn(
            name_str_ptr: *const u8,
            name_str_len: usize,
            link: i64,
            config_id: i64,
            module_id: i64,
            func_str_ptr: *const u8,
            func_str_len: usize,
            params_ptr: *const u8,
            params_len: usize,
            node_id_ptr: *mut u64,
            id_ptr: *mut u64,
        ) -> u32;
        pub fn process_id() -> u64;
        pub fn link(tag: i64, process_id: u64);
        pub fn unlink(process_id: u64);
        pub fn monitor(process_id: u64);
        pub fn kill(process_id: u64);
        pub fn exists(process_id: u64) -> u32;
        pub fn die_when_link_dies(trap: u32);
        pub fn sleep_ms(millis: u64);
    }
}

pub mod message {
    #[link(wasm_import_module = "lunatic::message")]
    extern "C" {
        pub fn create_data(tag: i64, buffer_capacity: u64);
        pub fn write_data(data_ptr: *const u8, data_len: usize) -> usize;
        pub fn read_data(data_ptr: *mut u8, data_len: usize) -> usize;
        pub fn seek_data(index: u64);
        pub fn get_tag() -> i64;
        pub fn get_process_id() -> u64;
        pub fn data_size() -> u64;
        pub fn send(process_id: u64) -> u32;
        pub fn send_receive_skip_search(process_id: u64, wait_on_tag: i64, timeout: u64) -> u32;
        pub fn receive(tag_ptr: *const i64, tag_len: usize, timeout: u64) -> u32;
    }
}

pub mod distributed {
    #[link(wasm_import_module = "lunatic::distributed")]
    extern "C" {
        pub fn node_id() -> u64;
        pub fn module_id() -> u64;
        pub fn nodes_count() -> u32;
        pub fn send(node_id: u64, process_id: u64) -> u32;
        pub fn send_receive_skip_search(
            node_id: u64,
            process_id: u64,
            wait_on_tag: i64,
            timeout: u64,
        ) -> u32;
        pub fn spawn(
            node_id: u64,
            config_id: i64,
            module_id: u64,
            func_str_ptr: *const u8,
            func_str_len: usize,
            params_ptr: *const u8,
            params_len: usize,
            id_ptr: *mut u64,
        ) -> u32;
    }
}

pub mod registry {
    #[link(wasm_import_module = "lunatic::registry")]
    extern "C" {
        pub fn put(name_ptr: *const u8, name_len: usize, node_id: u64, process_id: u64);
        pub fn get(name_ptr: *const u8, name_len: usize, node_id: *mut u64, id: *mut u64) -> u32;
        pub fn remove(name_ptr: *const u8, name_len: usize);
    }
}

pub mod error {
    #[link(wasm_import_module = "lunatic::error")]
    extern "C" {
        pub fn string_size(error_id: u64) -> u32;
        pub fn to_string(error_id: u64, error_str_ptr: *mut u8);
        pub fn drop(error_id: u64);
    }
}

pub mod timer {
    #[link(wasm_import_module = "lunatic::timer")]
    extern "C" {
        pub fn send_after(process_id: u64, delay: u64) -> u64;
        pub fn cancel_timer(timer_id: u64) -> u32;
    }
}

pub mod trap {
    #[link(wasm_import_module = "lunatic::trap")]
    extern "C" {
        pub fn catch(function: i32, pointer: i32) -> i32;
    }
}

/// The text of an error resource (and the resource dropped), as lunatic-rs reads them.
pub fn error_string(id: u64) -> String {
    unsafe {
        let n = error::string_size(id) as usize;
        let mut buf = vec![0u8; n];
        error::to_string(id, buf.as_mut_ptr());
        error::drop(id);
        String::from_utf8_lossy(&buf).into_owned()
    }
}

/// lunatic-rs's `host::send`: a local send when the node is this one, else distributed.
pub fn send(node: u64, process_id: u64) {
    unsafe {
        if node == distributed::node_id() {
            message::send(process_id);
        } else {
            distributed::send(node, process_id);
        }
    }
}

/// lunatic-rs's `host::send_receive_skip_search`, chosen by node the same way.
pub fn send_receive_skip_search(node: u64, process_id: u64, tag: i64, timeout: u64) -> u32 {
    unsafe {
        if node == distributed::node_id() {
            message::send_receive_skip_search(process_id, tag, timeout)
        } else {
            distributed::send_receive_skip_search(node, process_id, tag, timeout)
        }
    }
}
