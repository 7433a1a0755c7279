#!/usr/bin/env bash
# Builds the qemu driver's test image (shared/recipes/qemu.md): a Debian cloud
# kernel and an initramfs with busybox, dropbear (SSH as root with a test key
# generated here) and OpenSSH's sftp-server, booted by syslinux from a FAT
# partition, as a small QCOW2 file. No loop mounts and no root needed.
#
# Output, reused while this script is unchanged:
#   ${DJINN_TEST_CACHE:-$HOME/.cache/djinn-tests}/qemu-<sha256 of this script>/
#     base.qcow2  id_ed25519  id_ed25519.pub
# The directory's path is the last line printed on stdout.
#
# Needs: qemu-utils busybox-static cpio syslinux syslinux-common mtools
# dosfstools fdisk openssh-client openssh-sftp-server, and apt-get download
# for linux-image-*-cloud-amd64, dropbear-bin, libtomcrypt1, libtommath1.
set -euo pipefail

script=$(readlink -f "$0")
sha=$(sha256sum "$script" | cut -c1-16)
cache=${DJINN_TEST_CACHE:-$HOME/.cache/djinn-tests}
out=$cache/qemu-$sha
if [ -f "$out/base.qcow2" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/.qemu-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
log() { echo "build-image: $*" >&2; }

# Packages: the kernel the cloud meta-package points at, dropbear and its libraries.
cloud_kernel() {
  apt-cache depends linux-image-cloud-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-amd64\)$/\1/p' | head -n1
}
kernel_pkg=$(cloud_kernel)
if [ -z "$kernel_pkg" ] && [ "$(id -u)" = 0 ]; then
  log "apt knows no cloud kernel: apt-get update"
  apt-get update -qq >&2
  kernel_pkg=$(cloud_kernel)
fi
[ -n "$kernel_pkg" ] || { log "no linux-image-*-cloud-amd64 known to apt (apt-get update?)"; exit 1; }
log "downloading $kernel_pkg dropbear-bin libtomcrypt1 libtommath1"
mkdir debs
(cd debs && apt-get download -q "$kernel_pkg" dropbear-bin libtomcrypt1 libtommath1 2>&1 | { grep -v "^W: Download is performed unsandboxed" || true; } >&2)
mkdir pkg
for deb in debs/*.deb; do dpkg-deb -x "$deb" pkg; done
version=${kernel_pkg#linux-image-}
modules=pkg/lib/modules/$version/kernel

# The initramfs's root filesystem.
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/lib/openssh,usr/libexec,lib,lib64,etc/dropbear,root/.ssh,proc,sys,dev,tmp,modules}
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $(busybox --list-full); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
cp pkg/usr/sbin/dropbear "$root/usr/sbin/"
cp pkg/usr/bin/dropbearkey "$root/usr/bin/"
# Dropbear runs the SFTP subsystem from /usr/lib/sftp-server (Debian's build);
# the other usual places get it too.
cp /usr/lib/openssh/sftp-server "$root/usr/lib/sftp-server"
ln -s /usr/lib/sftp-server "$root/usr/libexec/sftp-server"
ln -s /usr/lib/sftp-server "$root/usr/lib/openssh/sftp-server"
libs() { LD_LIBRARY_PATH="$work/pkg/usr/lib/x86_64-linux-gnu" ldd "$@" | awk '/=> \//{print $3} /^\t\/lib64/{print $1}'; }
for lib in $(libs pkg/usr/sbin/dropbear pkg/usr/bin/dropbearkey /usr/lib/openssh/sftp-server | sort -u); do
  cp -L "$lib" "$root/lib/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
for m in virtio_ring virtio failover net_failover virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_net virtio_blk; do
  cp "$(find "$modules" -name "$m.ko" | head -n1)" "$root/modules/"
done

echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo '/bin/sh' > "$root/etc/shells"
ssh-keygen -q -t ed25519 -N '' -C djinn-test -f id_ed25519
cp id_ed25519.pub "$root/root/.ssh/authorized_keys"
chmod 0700 "$root/root" "$root/root/.ssh"
chmod 0600 "$root/root/.ssh/authorized_keys"

cat > "$root/init" <<'EOF'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
for m in virtio_ring virtio failover net_failover virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_net virtio_blk; do
  insmod /modules/$m.ko
done
hostname djinn-test
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
dropbearkey -t ed25519 -f /etc/dropbear/host_key >/dev/null 2>&1
echo "djinn-test-image: ready"
exec dropbear -F -E -s -p 22 -r /etc/dropbear/host_key
EOF
chmod 0755 "$root/init"
(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -9) > initrd.gz

# The disk: one bootable FAT partition with syslinux, the kernel and the initramfs.
cat > syslinux.cfg <<'EOF'
DEFAULT linux
LABEL linux
  KERNEL vmlinuz
  INITRD initrd.gz
  APPEND console=ttyS0 quiet panic=-1
EOF
cp "pkg/boot/vmlinuz-$version" vmlinuz
truncate -s 64M fat.img
mkfs.vfat -n DJINN fat.img >/dev/null
syslinux --install fat.img
mcopy -i fat.img vmlinuz initrd.gz syslinux.cfg ::/
truncate -s 65M disk.img  # 1 MiB for the partition table, then the FAT image
echo 'start=2048, type=c, bootable' | sfdisk -q disk.img
dd if=fat.img of=disk.img bs=512 seek=2048 conv=notrunc status=none
dd if=/usr/lib/syslinux/mbr/mbr.bin of=disk.img bs=440 count=1 conv=notrunc status=none
qemu-img convert -f raw -O qcow2 -c disk.img base.qcow2

mkdir result
mv base.qcow2 id_ed25519 id_ed25519.pub result/
chmod 0600 result/id_ed25519
# Another run may have finished first: keep its result.
mv -T result "$out" 2>/dev/null || true
log "built $out/base.qcow2 ($(du -h "$out/base.qcow2" | cut -f1))"
echo "$out"
