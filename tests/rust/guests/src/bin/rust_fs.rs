//! The file system the way Rust's std uses WASI (std::fs over wasi-libc): directories,
//! OpenOptions in every mode, metadata and times, rename, copy, hard and symbolic links,
//! read_dir, canonicalize, and the errors programs match on. Run with an empty directory
//! preopened as "data" (tests/rust/run.sh); every line of output is checked.
#![feature(wasi_ext)] // std::os::wasi::fs (symlink_path, FileExt, MetadataExt) is unstable
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::wasi::fs::{symlink_path, FileExt, MetadataExt};
use std::path::Path;
use std::time::{Duration, SystemTime};

fn kind<T>(r: std::io::Result<T>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => match e.raw_os_error() {
            Some(errno) => format!("{:?} (errno {errno})", e.kind()),
            None => format!("{:?}", e.kind()),
        },
    }
}

fn names(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| {
            let e = e.expect("entry");
            let t = e.file_type().expect("file_type");
            let mark = if t.is_dir() { "/" } else if t.is_symlink() { "@" } else { "" };
            format!("{}{}", e.file_name().to_string_lossy(), mark)
        })
        .collect();
    v.sort();
    v
}

fn main() -> std::io::Result<()> {
    // directories
    fs::create_dir_all("data/a/b/c")?;
    println!("create_dir_all: {:?}", names("data/a/b"));
    println!("create_dir again: {}", kind(fs::create_dir("data/a")));
    println!("create_dir_all again: {}", kind(fs::create_dir_all("data/a/b")));
    println!("create_dir under a missing parent: {}", kind(fs::create_dir("data/x/y")));

    // whole-file helpers
    fs::write("data/a/hello.txt", "hello, world\n")?;
    println!("read_to_string: {:?}", fs::read_to_string("data/a/hello.txt")?);
    println!("read missing: {}", kind(fs::read("data/a/none.txt")));

    // OpenOptions
    let mut f = OpenOptions::new().append(true).open("data/a/hello.txt")?;
    f.write_all(b"appended\n")?;
    drop(f);
    println!("after append: {:?}", fs::read_to_string("data/a/hello.txt")?);
    println!("create_new on an existing file: {}",
             kind(OpenOptions::new().write(true).create_new(true).open("data/a/hello.txt")));
    let mut f = OpenOptions::new().read(true).write(true).create_new(true).open("data/a/new.bin")?;
    f.write_all(&[1, 2, 3, 4, 5, 6, 7, 8])?;
    f.seek(SeekFrom::Start(2))?;
    let mut two = [0u8; 2];
    f.read_exact(&mut two)?;
    println!("seek+read: {:?}, position {}", two, f.stream_position()?);
    f.write_at(b"XY", 6)?;
    let mut back = [0u8; 8];
    f.read_exact_at(&mut back, 0)?;
    println!("write_at/read_exact_at: {:?}", back);
    f.set_len(3)?;
    println!("set_len(3): len {}", f.metadata()?.len());
    f.set_len(4096)?;
    println!("set_len(4096): len {}", f.metadata()?.len());
    f.sync_all()?;
    f.sync_data()?;
    println!("sync_all, sync_data: ok");
    drop(f);
    let f = OpenOptions::new().write(true).truncate(true).open("data/a/new.bin")?;
    println!("truncate: len {}", f.metadata()?.len());
    drop(f);
    let mut ro = File::open("data/a/hello.txt")?;
    println!("write to a read-only File: {}", kind(ro.write_all(b"no")));
    let mut s = String::new();
    ro.read_to_string(&mut s)?;
    println!("read it: {} bytes", s.len());
    println!("open a directory for writing: {}",
             kind(OpenOptions::new().write(true).open("data/a")));
    println!("File::open a directory: {}", kind(File::open("data/a")));
    println!("read a directory as a file: {}", kind(fs::read("data/a")));
    println!("create over a directory: {}", kind(File::create("data/a")));
    println!("open a file as a directory: {}", kind(fs::read_dir("data/a/hello.txt")));
    println!("path through a file: {}", kind(fs::read("data/a/hello.txt/x")));

    // metadata and times
    let m = fs::metadata("data/a/hello.txt")?;
    println!("metadata: file {} dir {} symlink {} len {} nlink {}",
             m.is_file(), m.is_dir(), m.file_type().is_symlink(), m.len(), m.nlink());
    let d = fs::metadata("data/a")?;
    println!("directory: file {} dir {}", d.is_file(), d.is_dir());
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let f = File::options().write(true).open("data/a/hello.txt")?;
    f.set_modified(when)?;
    drop(f);
    let m = fs::metadata("data/a/hello.txt")?;
    println!("set_modified: {:?}", m.modified()?.duration_since(SystemTime::UNIX_EPOCH).unwrap());
    let age = SystemTime::now().duration_since(fs::metadata("data/a/new.bin")?.modified()?);
    println!("a new file's mtime is recent: {}", matches!(age, Ok(a) if a < Duration::from_secs(600)));
    let mut perms = m.permissions();
    println!("readonly: {}", perms.readonly());
    perms.set_readonly(true);
    println!("set_permissions: {}", kind(fs::set_permissions("data/a/hello.txt", perms)));

    // rename, copy
    fs::rename("data/a/new.bin", "data/a/b/moved.bin")?;
    println!("rename: {:?} {:?}", names("data/a"), names("data/a/b"));
    println!("rename missing: {}", kind(fs::rename("data/a/none", "data/a/x")));
    println!("rename a directory onto a file: {}", kind(fs::rename("data/a/b", "data/a/hello.txt")));
    let n = fs::copy("data/a/hello.txt", "data/a/copy.txt")?;
    println!("copy: {} bytes, equal {}", n,
             fs::read("data/a/copy.txt")? == fs::read("data/a/hello.txt")?);

    // links
    // (std::fs::hard_link is not here: Debian's 2022 wasi-libc resolves both of link()'s
    // paths into one buffer, a bug fixed upstream since; tests/wasi/paths.c covers
    // path_link with the raw call)
    symlink_path("hello.txt", "data/a/sym")?;
    symlink_path("b", "data/a/symdir")?;
    symlink_path("nowhere", "data/a/dangling")?;
    println!("read_link: {:?}", fs::read_link("data/a/sym")?);
    println!("through the symlink: {:?}", fs::read_to_string("data/a/sym")?.lines().next());
    let l = fs::symlink_metadata("data/a/sym")?;
    println!("symlink_metadata: symlink {} file {}", l.file_type().is_symlink(), l.is_file());
    println!("metadata follows: file {}", fs::metadata("data/a/sym")?.is_file());
    println!("dangling: exists {}, symlink_metadata {}", Path::new("data/a/dangling").exists(),
             kind(fs::symlink_metadata("data/a/dangling")));
    println!("through a directory symlink: {:?}", names("data/a/symdir"));
    println!("read_link on a file: {}", kind(fs::read_link("data/a/hello.txt")));
    println!("symlink that exists: {}", kind(symlink_path("x", "data/a/sym")));
    println!("read_dir: {:?}", names("data/a"));
    for p in ["data/a/sym", "data/a/symdir/../hello.txt", "data/./a//b/c/..", "data"] {
        println!("canonicalize {p}: {:?}", fs::canonicalize(p)?);
    }
    println!("canonicalize data/a/none: {}", kind(fs::canonicalize("data/a/none")));
    println!("canonicalize data/a/dangling: {}", kind(fs::canonicalize("data/a/dangling")));

    // leaving the sandbox
    symlink_path("../../..", "data/a/out")?;
    println!("through a symlink out: {}", kind(fs::read_dir("data/a/out")));
    println!("..: {}", kind(fs::read_dir("data/..")));
    println!("absolute path outside: {}", kind(fs::read("/etc/passwd")));
    println!("a path no preopen covers: {}", kind(fs::read("elsewhere/x")));

    // removing
    println!("remove_dir non-empty: {}", kind(fs::remove_dir("data/a")));
    println!("remove_file a directory: {}", kind(fs::remove_file("data/a/b")));
    println!("remove_dir a file: {}", kind(fs::remove_dir("data/a/hello.txt")));
    fs::remove_file("data/a/sym")?;
    println!("remove_file a symlink: target still there {}", Path::new("data/a/hello.txt").exists());
    fs::remove_dir_all("data/a")?;
    println!("remove_dir_all: {:?}", names("data"));
    println!("remove missing: {}", kind(fs::remove_file("data/none")));
    Ok(())
}
