import { describe, expect, it } from 'vitest';
import { maskCard, maskIdNumber, maskPhone, maskSensitiveText } from './masking';
import { normalizePhone } from './phone';

describe('masking', () => {
  it('shows BIN and last four of a card', () => {
    expect(maskCard('6228480402564890018')).toBe('622848*********0018');
    expect(maskCard('6225 8802 1234 5678')).toBe('622588******5678');
  });

  it('hides everything of an ID number but the first and last character', () => {
    expect(maskIdNumber('11010119900307123X')).toBe('1****************X');
    expect(maskIdNumber('11010119900307123X')).not.toContain('1990');
  });

  it('masks mobiles 3-4-4', () => {
    expect(maskPhone('13800138001')).toBe('138****8001');
  });

  it('masks card and ID shaped runs inside free text', () => {
    const text = '客户卡号6228480402564890018，证件11010119900307123X，电话13800138001';
    const masked = maskSensitiveText(text);
    expect(masked).not.toContain('6228480402564890018');
    expect(masked).not.toContain('19900307');
    expect(masked).toContain('622848*********0018');
    expect(masked).toContain('13800138001'); // phone numbers are needed for screen pop and are not card-shaped
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+86 138-0013-8001', '13800138001'],
    ['008613800138001', '13800138001'],
    ['8613800138001', '13800138001'],
    ['013800138001', '13800138001'],
    ['13800138001', '13800138001'],
    ['010-6403-5547', '1064035547'],
    ['(0755) 8888 1234', '75588881234'],
    ['95599', '95599'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });
});
