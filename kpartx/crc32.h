/* CRC-32 (IEEE 802.3, reflected, as used by GPT headers and entry arrays). */
#ifndef KP_CRC32_H
#define KP_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* The complete CRC of buf: kp_crc32("123456789", 9) == 0xCBF43926. */
uint32_t kp_crc32(const void *buf, size_t len);

#endif
